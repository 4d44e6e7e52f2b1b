#!/usr/bin/env bash
# Sinergi's benchmark, rerunnable by anyone (README "Benchmark"):
#   1. builds the release binary (unless SINERGI_BIN names one),
#   2. starts a throw-away PostgreSQL cluster under $BENCH_DIR (nothing else is touched),
#   3. loads the demo data and `sinergi generate --scale $SCALE` into a fresh database, timed,
#   4. runs the server and, with wrk at $CONNECTIONS connections for $DURATION seconds each:
#      the national, a Polda (Riau) and a Polres (Pelalawan) dashboard, a meeting page and a
#      filtered meeting list — read-only; while an officer of Polres Ketapang (another Polda)
#      logs a meeting once and five times a second; while an officer of Polsek Kuala Kampar (in
#      Polres Pelalawan) logs one a second; then computed on every request with the read caches
#      off — and creating meetings,
#   5. prints req/s, p50/p95/p99 and the server's peak memory as a Markdown table, then the p95 of
#      each page under each condition side by side, also saved in $BENCH_DIR/results.md.
#
# Usage: scripts/bench.sh [--scale S] [--duration SECONDS] [--connections N] [--no-cold] [--keep]
# Needs: wrk (apt-get install -y wrk), curl, PostgreSQL server binaries; run as root or as a user
# who can run initdb. Example: scripts/bench.sh --scale 1 --duration 20
set -euo pipefail

SCALE=1
DURATION=20
CONNECTIONS=16
COLD=1
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --no-cold) COLD=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/sinergi-bench}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench: curl is missing" >&2; exit 2; }
PGBIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PGBIN/initdb" ] || { echo "bench: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 2; }

say() { printf '== %s\n' "$*" >&2; }

# --- the binary -----------------------------------------------------------------------------
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
chmod 755 "$BENCH_DIR"
if [ -z "${SINERGI_BIN:-}" ]; then
  say "cargo build --release"
  cargo build --release --quiet
  SINERGI_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/sinergi"
fi
cp "$SINERGI_BIN" "$BENCH_DIR/sinergi"
BIN="$BENCH_DIR/sinergi"

# --- a throw-away cluster, sized for the data ------------------------------------------------
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
PGDATA_DIR="$BENCH_DIR/pg"
mkdir -p "$PGDATA_DIR"
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA_DIR"
PG_OPTS="-k $PGDATA_DIR -c listen_addresses= -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c work_mem=16MB -c maintenance_work_mem=512MB -c max_connections=50"
say "PostgreSQL cluster in $PGDATA_DIR"
as_pg "$PGBIN/initdb -D $PGDATA_DIR/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null"
as_pg "$PGBIN/pg_ctl -D $PGDATA_DIR/data -o '$PG_OPTS' -w -l $PGDATA_DIR/log start >/dev/null"
SERVER_PID=""
WRITER_PID=""
cleanup() {
  [ -n "$WRITER_PID" ] && kill "$WRITER_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  if [ "$KEEP" = 0 ]; then
    as_pg "$PGBIN/pg_ctl -D $PGDATA_DIR/data -m fast stop" >/dev/null 2>&1 || true
  else
    say "kept: cluster $PGDATA_DIR (stop: pg_ctl -D $PGDATA_DIR/data stop)"
  fi
}
trap cleanup EXIT
export DATABASE_URL="postgres://postgres@localhost/sinergi?host=$PGDATA_DIR"
"$PGBIN/createdb" -h "$PGDATA_DIR" -U postgres sinergi
psql_() { "$PGBIN/psql" -h "$PGDATA_DIR" -U postgres -d sinergi -Atqc "$1"; }

# --- data ------------------------------------------------------------------------------------
say "sinergi demo"
"$BIN" demo >/dev/null
say "sinergi generate --scale $SCALE"
start=$(date +%s%N)
"$BIN" generate --scale "$SCALE" | tee "$BENCH_DIR/generate.txt" >&2
GEN_SECONDS=$(( ($(date +%s%N) - start) / 1000000000 ))
COUNTS=$(psql_ "select format('%s meetings, %s attendees, %s commitments, %s units',
  (select count(*) from meeting), (select count(*) from attendee), (select count(*) from commitment), (select count(*) from police_unit))")

# --- the server ------------------------------------------------------------------------------
start_server() {
  SINERGI_ADDR="127.0.0.1:$PORT" SINERGI_DEMO=0 RUST_LOG=${RUST_LOG:-warn} SINERGI_CACHE="$1" \
    "$BIN" serve >"$BENCH_DIR/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: the server did not start (see $BENCH_DIR/server-$1.log)" >&2
  exit 1
}
stop_server() {
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# The session cookie of a demo user, logged in through the form as a browser would.
login() {
  local jar="$BENCH_DIR/jar-$1"
  rm -f "$jar"
  local csrf
  csrf=$(curl -fs -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" \
    --data-urlencode "username=$1" --data-urlencode "password=sinergi-demo" --data-urlencode "csrf=$csrf" \
    "$BASE/login"
  awk '$6 == "sinergi_sid" { print "sinergi_sid=" $7 }' "$jar"
}

POLDA=$(psql_ "select id from police_unit where name = 'Polda Riau'")
POLRES=$(psql_ "select id from police_unit where name = 'Polres Pelalawan'")
POLSEK=$(psql_ "select id from police_unit where name = 'Polsek Kuala Kampar'")
PPK=$(psql_ "select id from institution where kind = 'ppk' and region_code = '14.05.10'")
PANWAS=$(psql_ "select id from institution where kind = 'panwascam' and region_code = '14.05.10'")
MEETING=$(psql_ "select m.id from meeting m where m.polres_id = $POLRES and m.idempotency_key like 'gen-%'
                 order by (select count(*) from attendee a where a.meeting_id = m.id) desc, m.id limit 1")
MEETING=${MEETING:-$(psql_ "select min(id) from meeting")}
LIST="/pertemuan?unit=$POLDA&type=rakor&from=2024-10-01&to=2024-11-27"
FORM="idem=IDEM&host_unit_id=$POLSEK&type=rakor&type=cooling_system&title=Rakor+pengamanan+TPS+Kuala+Kampar"
FORM="$FORM&purpose=Kesiapan+pengamanan+TPS&date=2024-11-20&time=10%3A00&duration=90&district_code=14.05.10"
FORM="$FORM&venue_name=Aula+Mapolsek&venue_address=Teluk+Dalam&election=auto&topic=pam_tps&topic=gudang_logistik"
FORM="$FORM&minutes=Membahas+pengamanan+TPS+dan+gudang+logistik.&outcome=&status=held"
for row in "$PPK|Hendri+Pandita|Ketua+PPK" "$PANWAS|Ahmadi|Ketua+Panwaslu+Kecamatan" "$PPK|Rina|Anggota+PPK"; do
  IFS='|' read -r inst name pos <<<"$row"
  FORM="$FORM&a_id=&a_institution=$inst&a_new_kind=&a_new_name=&a_name=$name&a_position=$pos&a_rank=&a_members=2&a_represents=&a_phone=&a_attendance=present"
done
# The same meeting logged by Polres Ketapang (Polda Kalimantan Barat) in one of its kecamatan.
KETAPANG=$(psql_ "select id from police_unit where name = 'Polres Ketapang'")
KT_DISTRICT=$(psql_ "select d.code from unit_region ur join region d on d.parent_code = ur.region_code
                     where ur.unit_id = $KETAPANG and d.level = 'district' order by d.code limit 1")
KT_PPK=$(psql_ "select id from institution where kind = 'ppk' and region_code = '$KT_DISTRICT'")
ELSEWHERE=$(printf '%s' "$FORM" | sed "s/host_unit_id=$POLSEK/host_unit_id=$KETAPANG/; s/district_code=14.05.10/district_code=$KT_DISTRICT/; s/a_institution=$PPK/a_institution=$KT_PPK/g; s/a_institution=$PANWAS/a_institution=$KT_PPK/")

RESULTS=()
declare -A P95 RPS
peak_rss=0
# run NAME COOKIE PATH [METHOD BODY]
run() {
  local name="$1" cookie="$2" path="$3" method="${4:-GET}" body="${5:-}"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE$path")
  if [ "$method" = GET ] && [ "$code" != 200 ]; then
    echo "bench: $path answered $code for $name" >&2; exit 1
  fi
  say "$name: $method $path"
  local line
  line=$(BENCH_COOKIE="$cookie" BENCH_METHOD="$method" BENCH_BODY="$body" \
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/scripts/bench.lua" "$BASE$path" | grep '^RESULT')
  read -r _ rps p50 p95 p99 errors requests <<<"$line"
  RESULTS+=("| $name | $rps | $p50 | $p95 | $p99 | $errors / $requests |")
  P95["$name"]="$p95"
  RPS["$name"]="$rps"
  local hwm
  hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")
  [ "$hwm" -gt "$peak_rss" ] && peak_rss=$hwm
  echo "   $rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, errors $errors of $requests" >&2
}

# writer COOKIE FORM RATE: logs a meeting RATE times a second (each post on its own schedule, so
# a slow answer does not slow the rate) until stop_writer; WRITES counts the meetings made.
start_writer() {
  local cookie="$1" form="$2" rate="$3"
  # Each run its own idempotency keys: a key reused by another account is refused (409).
  WRITER_RUN=$((${WRITER_RUN:-0} + 1))
  local run=$(($$ * 16 + WRITER_RUN))
  : >"$BENCH_DIR/writes"
  (
    next=$(date +%s%N)
    n=0
    while :; do
      n=$((n + 1))
      curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" -H "Sec-Fetch-Site: same-origin" \
        -H "Content-Type: application/x-www-form-urlencoded" --data "${form//IDEM/$(printf '%08x%08x' "$run" "$n")}" \
        "$BASE/pertemuan/baru" >>"$BENCH_DIR/writes" &
      next=$((next + 1000000000 / rate))
      now=$(date +%s%N)
      [ "$next" -gt "$now" ] && sleep "$(awk "BEGIN { print ($next - $now) / 1e9 }")"
    done
  ) &
  WRITER_PID=$!
  sleep 1
}
# stop_writer SUFFIX: stops it and keeps, for the results, how many of its posts made a meeting (303);
# any other answer (409 key reused, 422 form refused, 5xx) means the row did not measure what it says.
declare -A WROTE
stop_writer() {
  kill "$WRITER_PID" 2>/dev/null || true
  wait "$WRITER_PID" 2>/dev/null || true
  WRITER_PID=""
  sleep 0.5
  WRITES=$(grep -c '^303' "$BENCH_DIR/writes" || true)
  local other
  other=$(grep -vc '^303' "$BENCH_DIR/writes" || true)
  WROTE["$1"]="$WRITES of $((WRITES + other))"
  say "   $WRITES meetings logged meanwhile ($other other answers: $(grep -v '^303' "$BENCH_DIR/writes" | sort | uniq -c | tr -s ' \n' ' '))"
  [ "$other" = 0 ] || echo "bench: $other of the writer's posts did not make a meeting (see $BENCH_DIR/writes)" >&2
}

PAGES=("national dashboard" "Polda dashboard" "Polres dashboard" "meeting page" "filtered meeting list")
# reads SUFFIX: the five pages once each, as the signed-in readers
reads() {
  run "national dashboard (admin)$1" "$ADMIN" "/dasbor"
  run "Polda dashboard (polda.riau)$1" "$POLDA_C" "/dasbor"
  run "Polres dashboard (polres.pelalawan)$1" "$POLRES_C" "/dasbor"
  run "meeting page (/pertemuan/$MEETING)$1" "$POLDA_C" "/pertemuan/$MEETING"
  run "filtered meeting list$1" "$POLDA_C" "$LIST"
}
readers() {
  ADMIN=$(login admin)
  POLDA_C=$(login polda.riau)
  POLRES_C=$(login polres.pelalawan)
}

start_server 1
readers
reads ""
ELSEWHERE_C=$(login polres.ketapang)
SAME_C=$(login polsek.kualakampar)
start_writer "$ELSEWHERE_C" "$ELSEWHERE" 1
reads ", 1 write/s elsewhere"
stop_writer ", 1 write/s elsewhere"
start_writer "$ELSEWHERE_C" "$ELSEWHERE" 5
reads ", 5 writes/s elsewhere"
stop_writer ", 5 writes/s elsewhere"
start_writer "$SAME_C" "$FORM" 1
reads ", 1 write/s in Polres Pelalawan"
stop_writer ", 1 write/s in Polres Pelalawan"
stop_server
if [ "$COLD" = 1 ]; then
  start_server 0
  readers
  reads ", cache off"
  stop_server
fi
# Last, because it adds thousands of meetings to Kuala Kampar.
start_server 1
LIAISON=$(login polsek.kualakampar)
before=$(psql_ "select count(*) from meeting")
run "create a meeting (POST, 3 attendees)" "$LIAISON" "/pertemuan/baru" POST "$FORM"
after=$(psql_ "select count(*) from meeting")
CREATED=$((after - before))
stop_server

CPU=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
{
  echo "Machine: $(nproc) × $CPU, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr), $("$PGBIN/postgres" --version)."
  echo "Data: scale $SCALE ($COUNTS), generated in $GEN_SECONDS s. wrk -t2 -c$CONNECTIONS -d${DURATION}s on the same machine; $CREATED meetings created."
  echo
  echo "| request | req/s | p50 ms | p95 ms | p99 ms | errors / requests |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${RESULTS[@]}"
  echo
  echo "Server peak resident memory (VmHWM): $((peak_rss / 1024)) MB."
  echo
  echo "p95 ms (req/s) of each page: read-only; while meetings are logged in another Polda (1/s, 5/s) or in"
  echo "Polres Pelalawan (1/s); and computed on every request (cache off)."
  echo
  echo "| page | read-only | 1 write/s elsewhere | 5 writes/s elsewhere | 1 write/s same Polres | cache off |"
  echo "|---|---:|---:|---:|---:|---:|"
  for page in "${PAGES[@]}"; do
    line="| $page"
    for suffix in "" ", 1 write/s elsewhere" ", 5 writes/s elsewhere" ", 1 write/s in Polres Pelalawan" ", cache off"; do
      cell="—"
      for name in "${!P95[@]}"; do
        case "$name" in
          "$page"*"$suffix") [ -z "$suffix" ] && [[ "$name" == *", "* ]] && continue
                             cell="${P95[$name]} (${RPS[$name]})" ;;
        esac
      done
      line="$line | $cell"
    done
    echo "$line |"
  done
  echo
  echo "Meetings the writer logged during each column (posts answered 303 of all its posts):" \
    "1/s elsewhere ${WROTE[", 1 write/s elsewhere"]:-—}; 5/s elsewhere ${WROTE[", 5 writes/s elsewhere"]:-—};" \
    "1/s in Polres Pelalawan ${WROTE[", 1 write/s in Polres Pelalawan"]:-—}."
} | tee "$BENCH_DIR/results.md"
