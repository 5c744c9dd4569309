# worker_cpu_affinity (nginx core): masks are checked at start-up with nginx's messages. The harness runs
# with master_process off, where nginx binds nothing (single-process mode) and logs no
# sched_setaffinity line; the binding itself is tested in Runtime/WorkerCpuAffinityTests.cs.

=== TEST 1: a valid mask starts the server; with master_process off nothing is bound
--- main_config
worker_cpu_affinity 01;
--- config
location = /t { return 200 "ok\n"; }
--- request
GET /t
--- response_body
ok
--- no_error_log
sched_setaffinity

=== TEST 2: auto with a mask
--- main_config
worker_cpu_affinity auto 11;
--- config
location = /t { return 200 "ok\n"; }
--- request
GET /t
--- response_body
ok

=== TEST 3: a character other than 0 and 1
--- main_config
worker_cpu_affinity 0x1;
--- config
location = /t { return 200; }
--- must_die
--- error_log
[emerg]
invalid character "x" in "worker_cpu_affinity" in

=== TEST 4: auto takes one mask at most
--- main_config
worker_cpu_affinity auto 01 10;
--- config
location = /t { return 200; }
--- must_die
--- error_log
invalid number of arguments in "worker_cpu_affinity" directive in

=== TEST 5: given twice
--- main_config
worker_cpu_affinity 01;
worker_cpu_affinity 10;
--- config
location = /t { return 200; }
--- must_die
--- error_log
"worker_cpu_affinity" directive is duplicate in
