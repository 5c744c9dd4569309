#!/bin/bash
# Re-records the expected output of shared-dictionary Lua cases from nginx:
#   tests/Tidegate.Web.Tests/Shared/cases/record.sh basic lists ...   (no argument: every case)
# Each CASE.lua (after _prelude.lua) runs in content_by_lua_file with the dictionaries its first
# line declares ("-- dicts: d 1m, e 12k"); the response body becomes CASE.out.
set -e
cd "$(dirname "$0")"
port=${PORT:-18932}
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=($(ls *.lua | grep -v '^_' | sed 's/\.lua$//'))
for c in "${cases[@]}"; do
  dicts=$(head -1 "$c.lua" | sed -n 's/^-- dicts: //p')
  decl=$(echo "${dicts:-d 1m}" | tr ',' '\n' | sed 's/^ *//; s/^\(.*\)$/lua_shared_dict \1;/' | tr '\n' ' ')
  prefix=$(mktemp -d)
  mkdir -p "$prefix/logs" "$prefix/conf"
  cat _prelude.lua "$c.lua" > "$prefix/t.lua"
  cat > "$prefix/conf/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ndk_http_module.so; load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;
daemon off; master_process off; worker_processes 1; error_log logs/error.log; pid logs/nginx.pid;
events { worker_connections 64; }
http { access_log off; $decl
  server { listen 127.0.0.1:$port; location /x { return 204; } location /t { content_by_lua_file $prefix/t.lua; } } }
CONF
  nginx -p "$prefix" -c conf/nginx.conf -e logs/error.log & pid=$!
  for _ in $(seq 50); do curl -s -o /dev/null "127.0.0.1:$port/x" && break; sleep 0.1; done
  curl -s -o "$c.out" -w "$c %{http_code}\n" "127.0.0.1:$port/t"
  kill $pid; wait $pid 2>/dev/null || true
  grep -E '\[(error|alert|crit)\]' "$prefix/logs/error.log" | head -3 || true
  rm -rf "$prefix"
done
