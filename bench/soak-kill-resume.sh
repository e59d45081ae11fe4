#!/usr/bin/env bash
# Kill-and-resume soak (issue 15): `vaa run` killed with SIGKILL at a random point, then resumed, TRIALS times, against a
# local OpenAI-compatible server that answers after DELAY_MS and logs every request with its call id.
#
#   bench/soak-kill-resume.sh [TRIALS=20] [N=40] [DELAY_MS=300] [WORKERS=4]
#
# Each trial: `vaa run -n N --seed <trial> --run-id t<trial> --model openai:soak ...` is killed -9 after a delay drawn
# uniformly from 0 to the duration of one uninterrupted run (measured first), then `vaa run --run-id t<trial> --resume`
# finishes it; a run killed before it existed, or before it recorded its arguments, is started again with the first
# command line, as vaa's message says. Reported per trial and in total:
#   completed   the resumed run's overall_status is completed (sealed)
#   corrupt     .json files anywhere in the run (the ask index aside) that are not valid JSON, after the resume
#   temps       leftover .<name>.<digits>.tmp files: at the kill (how many of them complete, i.e. cut short between
#               writing and renaming), and after the resume (which must leave none)
#   twice       calls paid for twice beyond those in flight: calls whose answer was complete on disk at the kill (as
#               an analysis or a cached response, under its name or as a complete temporary file) and that the
#               resume asked the server for again; plus any call asked for twice within one process
#   in-flight   calls asked for before the kill whose answer had not reached the disk, asked again (expected)
# Env: SOAK_SEED (default 1) fixes the kill points; BENCH_SKIP_BUILD=1 reuses the last build; BENCH_WORK_DIR.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
TRIALS="${1:-20}"
N="${2:-40}"
DELAY="${3:-300}"
WORKERS="${4:-4}"
SEED="${SOAK_SEED:-1}"

bench_build test
machine_line
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); trials $TRIALS, -n $N, server delay ${DELAY} ms, --workers $WORKERS, seed $SEED"

work="$BENCH_WORK_DIR/soak"
rm -rf "$work"
mkdir -p "$work/ws"
ws="$work/ws"
log="$work/requests.log"
: >"$log"

java -cp "$CP" vaa.bench.SoakServer "$DELAY" "$log" >"$work/server.out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^OPENAI_BASE_URL=' "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
base_url="$(sed -n 's/^OPENAI_BASE_URL=//p' "$work/server.out")"
[ -n "$base_url" ] || { echo "the soak server did not start:" >&2; cat "$work/server.out" >&2; exit 1; }
printf 'OPENAI_BASE_URL=%s\nOPENAI_API_KEY=sk-soak-not-a-key\n' "$base_url" >"$ws/.env"

vaa() { (cd "$ws" && "$BUILD/vaa" "$@" </dev/null); }
run_args() { echo "run -n $N --seed $1 --source $BUILD/customer_data --run-id $2 --model openai:soak --insights-model openai:soak --workers $WORKERS"; }
check() { java -cp "$CP" vaa.bench.SoakCheck "$1"; }

# one uninterrupted run: how long a run takes, so kill points cover all of it
started=$(now_ms)
# shellcheck disable=SC2046
vaa $(run_args 0 ref) >"$work/ref.out" 2>&1 || { echo "the reference run failed:" >&2; cat "$work/ref.out" >&2; exit 1; }
total_ms=$(( $(now_ms) - started ))
echo "# one uninterrupted run: ${total_ms} ms ($(grep -c . "$log") requests); kill points drawn from 0 to ${total_ms} ms"
echo
printf '%-5s %7s  %-26s %-12s %6s %6s %10s %6s %6s %s\n' trial kill_ms "stage at kill" resumed completed corrupt "temps k(c)/r" twice inflight note

completed=0; corrupt_total=0; temps_kill_total=0; temps_complete_total=0; temps_after_total=0; twice_total=0; inflight_total=0
for k in $(seq 1 "$TRIALS"); do
  id="t$k"
  kill_ms=$(awk -v s="$SEED" -v k="$k" -v t="$total_ms" 'BEGIN { srand(s * 1000 + k); printf "%d", rand() * t }')
  before=$(grep -c . "$log" || true)
  # shellcheck disable=SC2046
  (cd "$ws" && exec "$BUILD/vaa" $(run_args "$k" "$id") </dev/null >"$work/$id.first.out" 2>&1) &
  pid=$!
  sleep "$(awk -v m="$kill_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 0.5 # requests sent before the kill reach the server's log
  at_kill=$(grep -c . "$log" || true)

  note=""
  stage="(no run yet)"
  answered_at_kill=""
  temps_kill=0
  temps_kill_complete=0
  if [ -d "$ws/runs/$id" ]; then
    check "$ws/runs/$id" >"$work/$id.kill.check"
    stage=$(sed -n 's/^stage //p' "$work/$id.kill.check")
    [ "$(sed -n 's/^status //p' "$work/$id.kill.check")" = completed ] && stage="(finished before the kill)"
    answered_at_kill=$(sed -n 's/^answered //p' "$work/$id.kill.check")
    temps_kill=$(grep -c '^temporary ' "$work/$id.kill.check" || true)
    temps_kill_complete=$(grep -c '^temporary .* complete$' "$work/$id.kill.check" || true)
    vaa run --run-id "$id" --resume >"$work/$id.resume.out" 2>&1 && resumed=0 || resumed=$?
    if [ "$resumed" = 2 ] && grep -q "has no recorded arguments" "$work/$id.resume.out"; then
      note="no arguments recorded: started again"
      # shellcheck disable=SC2046
      vaa $(run_args "$k" "$id") >>"$work/$id.resume.out" 2>&1 && resumed=0 || resumed=$?
    elif [ "$(sed -n 's/^status //p' "$work/$id.kill.check")" = completed ]; then
      note="sealed before the kill; resume refused as it should be"
      [ "$resumed" = 2 ] && resumed=0
    fi
  else
    note="killed before the run existed: started again"
    # shellcheck disable=SC2046
    vaa $(run_args "$k" "$id") >"$work/$id.resume.out" 2>&1 && resumed=0 || resumed=$?
  fi

  check "$ws/runs/$id" >"$work/$id.after.check"
  status=$(sed -n 's/^status //p' "$work/$id.after.check")
  corrupt=$(grep -c '^corrupt ' "$work/$id.after.check" || true)
  temps_after=$(grep -c '^temporary ' "$work/$id.after.check" || true)
  # requests per call id before the kill (this trial only) and after it
  awk -v a="$before" -v b="$at_kill" 'NR > a && NR <= b && $2 != "-" {print $2}' "$log" | sort >"$work/$id.first.ids"
  awk -v b="$at_kill" 'NR > b && $2 != "-" {print $2}' "$log" | sort >"$work/$id.resume.ids"
  printf '%s\n' $answered_at_kill | sed '/^$/d' | sort -u >"$work/$id.answered"
  repeated_within=$(( $(uniq -d "$work/$id.first.ids" | wc -l) + $(uniq -d "$work/$id.resume.ids" | wc -l) ))
  asked_again=$(comm -12 <(sort -u "$work/$id.first.ids") <(sort -u "$work/$id.resume.ids"))
  twice=$(( $(printf '%s\n' $asked_again | sed '/^$/d' | comm -12 - "$work/$id.answered" | wc -l) + repeated_within ))
  inflight=$(printf '%s\n' $asked_again | sed '/^$/d' | comm -23 - "$work/$id.answered" | wc -l)

  [ "$status" = completed ] && completed=$((completed + 1))
  corrupt_total=$((corrupt_total + corrupt)); temps_kill_total=$((temps_kill_total + temps_kill))
  temps_complete_total=$((temps_complete_total + temps_kill_complete))
  temps_after_total=$((temps_after_total + temps_after)); twice_total=$((twice_total + twice)); inflight_total=$((inflight_total + inflight))
  printf '%-5s %7s  %-26s %-12s %6s %6s %10s %6s %6s %s\n' "$k" "$kill_ms" "$stage" "exit $resumed" \
    "$([ "$status" = completed ] && echo yes || echo "NO:$status")" "$corrupt" "$temps_kill($temps_kill_complete)/$temps_after" "$twice" "$inflight" "$note"
done

echo
echo "completed runs:                              $completed of $TRIALS"
echo "corrupt files (invalid JSON) after resume:   $corrupt_total"
echo "leftover temporaries at the kills:           $temps_kill_total, $temps_complete_total of them complete (after resume: $temps_after_total)"
echo "calls paid twice beyond those in flight:     $twice_total"
echo "calls in flight at the kill, asked again:    $inflight_total"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg); work files in $work"
