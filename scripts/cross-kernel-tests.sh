#!/usr/bin/env bash
# Runs the tests that compare runtimes or code paths (ONNX Runtime, DL4J with oneDNN, plain DL4J) again under
# other CPU kernels: each OPENBLAS_CORETYPE picks another OpenBLAS GEMM for the plain path, and
# DNNL_MAX_CPU_ISA=AVX2 keeps oneDNN (v2.3 in DL4J 1.0.0-M2.1, which reads DNNL_*, not ONEDNN_*) off AVX-512.
# Their floats then differ in other last bits; the tests must hold for all of them.
# Needs the modules built (./mvnw install -DskipTests, or after ./mvnw verify). Exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

tests='OneDnnAccelerationTest,OnnxDenoiserTest,Dl4jDenoiserTest,ArtifactLoaderTest,GreyLevelDifferenceTest,ModelDenoisersTest,RuntimeCheckTest'
variants=(
  "OPENBLAS_CORETYPE=Sandybridge"
  "OPENBLAS_CORETYPE=Haswell"
  "OPENBLAS_CORETYPE=Zen"
  "OPENBLAS_CORETYPE=SkylakeX"
  "DNNL_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell"
)
[[ $# -gt 0 ]] && variants=("$@")

failed=0
passed=0
for variant in "${variants[@]}"; do
  log="$(mktemp)"
  if env $variant ./mvnw -B -ntp -o surefire:test -pl schemas,model,broker,stream-app -Dtest="$tests" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    outcome=passed; passed=$((passed + 1))
  else
    outcome=FAILED; failed=$((failed + 1))
  fi
  counts="$(grep -E '^\[(INFO|ERROR)\] Tests run:' "$log" | grep -v ' -- in ' | sed 's/^\[[A-Z]*\] //' | paste -sd ";" - || true)"
  measured="$(grep -o 'outputs [0-9]* grey levels apart, gradients [0-9.e+-]* apart' "$log" | head -n 1 || true)"
  printf '%-48s %s  %s  %s\n' "$variant" "$outcome" "$counts" "$measured"
  [[ $outcome == FAILED ]] && grep -E 'FAIL|Expecting|expected' "$log" | head -n 20
  rm -f "$log"
done
echo "kernels: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
