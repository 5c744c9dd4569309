using static Tidegate.Web.Config.DirectiveContext;
using static Tidegate.Web.Config.DirectiveSupport;

namespace Tidegate.Web.Config;

/// <summary>
/// Every directive tidegate knows, with nginx's contexts and argument counts (taken from the
/// ngx_command_t tables of nginx 1.22, lua-nginx-module 0.10.23, echo and headers-more), so a
/// real OpenResty config parses and a wrong one fails with nginx's exact message. A name may have
/// several specs (<c>server</c> in http and in upstream), as nginx's modules may.
/// </summary>
public static class DirectiveRegistry
{
    private const int N = DirectiveSpec.Unbounded;
    private static readonly Dictionary<string, List<DirectiveSpec>> specs = new(StringComparer.Ordinal);

    private const DirectiveContext Loc = Location | LocationIf;
    private const DirectiveContext Rewrite = Server | ServerIf | Location | LocationIf;
    private const DirectiveContext HttpAnyIf = HttpAny | LocationIf;

    static DirectiveRegistry()
    {
        // core (main)
        Flag("daemon", Main, Built);
        Flag("master_process", Main, Built);
        Add("worker_processes", Main, 1, 1, Built, unique: true);
        Add("pid", Main, 1, 1, Built, unique: true);
        Add("error_log", Main | HttpAny, 1, N, Built);
        Add("include", Any | Data, 1, 1, Built);
        Block("events", Main, 0, 0, Built, unique: true);
        Block("http", Main, 0, 0, Built, unique: true);
        Add("user", Main, 1, 2, Equivalent);
        Add("load_module", Main, 1, 1, Built);
        Add("env", Main, 1, 1, Equivalent);
        Flag("pcre_jit", Main, Equivalent);
        Add("worker_rlimit_nofile", Main, 1, 1, NotYet);
        Add("worker_rlimit_core", Main, 1, 1, NotYet);
        Add("worker_shutdown_timeout", Main, 1, 1, NotYet);
        Add("worker_cpu_affinity", Main, 1, N, Built, unique: true);
        Add("worker_priority", Main, 1, 1, NotYet);
        Add("working_directory", Main, 1, 1, NotYet);
        Add("timer_resolution", Main, 1, 1, NotYet);
        Add("thread_pool", Main, 2, 3, NotYet);
        Add("lock_file", Main, 1, 1, Equivalent);

        // events
        Add("worker_connections", Events, 1, 1, Built, unique: true);
        Add("use", Events, 1, 1, Equivalent);
        Flag("multi_accept", Events, Equivalent);
        Flag("accept_mutex", Events, Equivalent);
        Add("accept_mutex_delay", Events, 1, 1, Equivalent);

        // http core
        Block("server", HttpMain, 0, 0, Built);
        Add("listen", Server, 1, N, Built);
        Add("server_name", Server, 1, N, Built);
        Block("location", Server | Location, 1, 2, Built);
        Add("root", HttpAnyIf, 1, 1, Built);
        Add("alias", Location, 1, 1, Built);
        Add("index", HttpAny, 1, N, Built);
        Add("default_type", HttpAnyIf, 1, 1, Built, unique: true);
        Block("types", HttpAny, 0, 0, Built);
        Add("internal", Location, 0, 0, Built, unique: true);
        Add("error_page", HttpAnyIf, 2, N, Built);
        Add("client_max_body_size", HttpAny, 1, 1, Built, unique: true);
        Add("client_body_buffer_size", HttpAny, 1, 1, Built, unique: true);
        Add("client_header_buffer_size", HttpMain | Server, 1, 1, Built, unique: true);
        Add("large_client_header_buffers", HttpMain | Server, 2, 2, Built, unique: true);
        Add("client_header_timeout", HttpMain | Server, 1, 1, Built, unique: true);
        Add("client_body_timeout", HttpAny, 1, 1, Built, unique: true);
        Add("keepalive_timeout", HttpAny, 1, 2, Built, unique: true);
        Add("keepalive_requests", HttpAny, 1, 1, Built, unique: true);
        Add("server_tokens", HttpAny, 1, 1, Built, unique: true);
        Add("send_timeout", HttpAny, 1, 1, Built, unique: true);
        Flag("etag", HttpAny, Built);
        Add("if_modified_since", HttpAny, 1, 1, Built, unique: true);
        Flag("sendfile", HttpAnyIf, Equivalent);
        Flag("tcp_nopush", HttpAny, Equivalent);
        Flag("tcp_nodelay", HttpAny, Equivalent);
        Add("sendfile_max_chunk", HttpAny, 1, 1, Equivalent);
        Add("output_buffers", HttpAny, 2, 2, Equivalent);
        Add("types_hash_max_size", HttpAny, 1, 1, Equivalent);
        Add("types_hash_bucket_size", HttpAny, 1, 1, Equivalent);
        Add("server_names_hash_max_size", HttpMain, 1, 1, Equivalent);
        Add("server_names_hash_bucket_size", HttpMain, 1, 1, Equivalent);
        Add("variables_hash_max_size", HttpMain, 1, 1, Equivalent);
        Add("variables_hash_bucket_size", HttpMain, 1, 1, Equivalent);
        Flag("log_not_found", HttpAny, Built);
        Flag("log_subrequest", HttpAny, NotYet);
        Flag("server_name_in_redirect", HttpAny, NotYet, offIsEquivalent: true);
        Flag("port_in_redirect", HttpAny, Built);
        Flag("absolute_redirect", HttpAny, Built);
        Flag("msie_padding", HttpAny, Equivalent);
        Flag("underscores_in_headers", HttpMain | Server, NotYet, offIsEquivalent: true);
        Flag("ignore_invalid_headers", HttpMain | Server, Built);
        Flag("merge_slashes", HttpMain | Server, Built);
        Add("lingering_close", HttpAny, 1, 1, Equivalent);
        Add("lingering_time", HttpAny, 1, 1, Equivalent);
        Add("lingering_timeout", HttpAny, 1, 1, Equivalent);
        Add("reset_timedout_connection", HttpAny, 1, 1, Equivalent);
        Add("resolver", HttpAny, 1, N, Built, unique: true);
        Add("resolver_timeout", HttpAny, 1, 1, Built, unique: true);
        Add("try_files", Server | Location, 2, N, Built);
        Block("limit_except", Location, 1, N, NotYet);
        Add("allow", HttpAny | LimitExcept, 1, 1, NotYet);
        Add("deny", HttpAny | LimitExcept, 1, 1, NotYet);
        Add("expires", HttpAnyIf, 1, 2, NotYet);
        Flag("autoindex", HttpAny, NotYet, offIsEquivalent: true);
        Flag("gzip", HttpAnyIf, NotYet, offIsEquivalent: true);
        Add("gzip_types", HttpAny, 1, N, NotYet);
        Add("charset", HttpAnyIf, 1, 1, NotYet);
        Flag("chunked_transfer_encoding", HttpAny, NotYet, offIsEquivalent: false);
        Add("satisfy", HttpAny, 1, 1, NotYet);
        Add("auth_basic", HttpAny | LimitExcept, 1, 1, NotYet);
        Add("auth_basic_user_file", HttpAny | LimitExcept, 1, 1, NotYet);
        Block("map", HttpMain, 2, 2, Built);
        Block("geo", HttpMain, 1, 2, NotYet);
        Add("ssl_certificate", HttpMain | Server, 1, 1, NotYet);
        Add("ssl_certificate_key", HttpMain | Server, 1, 1, NotYet);
        Add("ssl_protocols", HttpMain | Server, 1, N, NotYet);
        Add("ssl_ciphers", HttpMain | Server, 1, 1, NotYet);
        Add("real_ip_header", HttpAny, 1, 1, NotYet);
        Add("set_real_ip_from", HttpAny, 1, 1, NotYet);

        // logging
        Add("access_log", HttpAnyIf | LimitExcept, 1, N, Built);
        Add("log_format", HttpMain, 2, N, Built);
        Add("open_log_file_cache", HttpAny, 1, 4, Equivalent);

        // rewrite module
        Add("return", Rewrite, 1, 2, Built);
        Add("rewrite", Rewrite, 2, 3, Built);
        Add("set", Rewrite, 2, 2, Built);
        Block("if", Server | Location, 1, N, Built);
        Add("break", Rewrite, 0, 0, Built);
        Flag("rewrite_log", HttpMain | Server | ServerIf | Location | LocationIf, NotYet, offIsEquivalent: true);
        Flag("uninitialized_variable_warn", HttpMain | Server | ServerIf | Location | LocationIf, NotYet);

        // headers
        Add("add_header", HttpAnyIf, 2, 3, Built);
        Add("add_trailer", HttpAnyIf, 2, 3, NotYet);

        // upstream
        Block("upstream", HttpMain, 1, 1, Built);
        Add("server", Upstream, 1, N, Built);
        Add("keepalive", Upstream, 1, 1, Built);
        Add("keepalive_timeout", Upstream, 1, 1, Built);
        Add("keepalive_requests", Upstream, 1, 1, Built);
        Add("hash", Upstream, 1, 2, Built);
        Add("ip_hash", Upstream, 0, 0, Built);
        Add("least_conn", Upstream, 0, 0, Built);

        // proxy
        Add("proxy_pass", Loc | LimitExcept, 1, 1, Built);
        Add("proxy_set_header", HttpAny, 2, 2, Built);
        Add("proxy_http_version", HttpAny, 1, 1, Built);
        Add("proxy_connect_timeout", HttpAny, 1, 1, Built);
        Add("proxy_send_timeout", HttpAny, 1, 1, Built);
        Add("proxy_read_timeout", HttpAny, 1, 1, Built);
        Flag("proxy_buffering", HttpAny, Built);
        Add("proxy_buffer_size", HttpAny, 1, 1, Built);
        Add("proxy_buffers", HttpAny, 2, 2, Built);
        Add("proxy_next_upstream", HttpAny, 1, N, Built);
        Add("proxy_next_upstream_tries", HttpAny, 1, 1, Built);
        Flag("proxy_intercept_errors", HttpAny, Built);
        Add("proxy_redirect", HttpAny, 1, 2, Built);
        Add("proxy_hide_header", HttpAny, 1, 1, Built);
        Add("proxy_pass_header", HttpAny, 1, 1, Built);
        Add("proxy_ignore_headers", HttpAny, 1, N, NotYet);
        Add("proxy_set_body", HttpAny, 1, 1, Built);
        Flag("proxy_pass_request_headers", HttpAny, Built);
        Flag("proxy_pass_request_body", HttpAny, Built);
        Add("proxy_method", HttpAny, 1, 1, Built);
        Add("proxy_next_upstream_timeout", HttpAny, 1, 1, Built);

        // echo module (agentzh's ngx_echo)
        foreach (var name in new[] { "echo", "echo_before_body", "echo_after_body" })
            Add(name, Loc, 0, N, Built);
        Add("echo_sleep", Loc, 1, 1, Built);
        Add("echo_blocking_sleep", Loc, 1, 1, Built);
        Add("echo_location", Loc, 1, 2, Built);
        Add("echo_location_async", Loc, 1, 2, Built);
        Add("echo_exec", Loc, 1, 2, Built);
        Add("echo_duplicate", Loc, 2, N, Built);
        Add("echo_flush", Loc, 0, 0, Built);
        Add("echo_read_request_body", Loc, 0, 0, Built);
        Add("echo_request_body", Loc, 0, 0, Built);
        Add("echo_reset_timer", Loc, 0, 0, Built);
        Add("echo_subrequest", Loc, 2, N, Built);
        Add("echo_subrequest_async", Loc, 2, N, Built);
        Add("echo_foreach_split", Loc, 2, N, Built);
        Add("echo_end", Loc, 0, 0, Built);
        Add("echo_abort_parent", Loc, 0, 0, NotYet);
        Add("echo_status", Loc, 1, 1, Built);

        // headers-more
        foreach (var name in new[] { "more_set_headers", "more_clear_headers", "more_set_input_headers", "more_clear_input_headers" })
            Add(name, HttpAnyIf, 1, N, Built);

        // lua-nginx-module 0.10.23
        LuaHandler("init_by_lua", HttpMain);
        LuaHandler("init_worker_by_lua", HttpMain);
        LuaHandler("exit_worker_by_lua", HttpMain, hasStringForm: false);
        LuaHandler("server_rewrite_by_lua", HttpMain | Server);
        LuaHandler("rewrite_by_lua", HttpAnyIf);
        LuaHandler("access_by_lua", HttpAnyIf);
        LuaHandler("precontent_by_lua", HttpAnyIf);
        LuaHandler("content_by_lua", Loc);
        LuaHandler("header_filter_by_lua", HttpAnyIf);
        LuaHandler("body_filter_by_lua", HttpAnyIf);
        LuaHandler("log_by_lua", HttpAnyIf);
        Block("balancer_by_lua_block", Upstream, 0, 0, Built);
        Add("balancer_by_lua_file", Upstream, 1, 1, Built);
        Add("set_by_lua", Rewrite, 2, N, Built);
        Block("set_by_lua_block", Rewrite, 1, 1, Built);
        Add("set_by_lua_file", Rewrite, 2, N, Built);
        Add("lua_package_path", HttpMain, 1, 1, Built, unique: true);
        Add("lua_package_cpath", HttpMain, 1, 1, Built, unique: true);
        Flag("lua_code_cache", HttpAny, Built);
        Flag("lua_need_request_body", HttpAny, Built);
        Add("lua_shared_dict", HttpMain, 2, 2, Built);
        Flag("rewrite_by_lua_no_postpone", HttpMain, Built);
        Flag("access_by_lua_no_postpone", HttpMain, Built);
        Flag("lua_transform_underscores_in_response_headers", HttpAny, Built);
        Flag("lua_use_default_type", HttpAny, Built);
        Flag("lua_http10_buffering", HttpAny, Built);
        Add("lua_regex_cache_max_entries", HttpMain, 1, 1, Built);
        Add("lua_regex_match_limit", HttpMain, 1, 1, Built);
        Add("lua_max_pending_timers", HttpMain, 1, 1, Built);
        Add("lua_max_running_timers", HttpMain, 1, 1, Built);
        Add("lua_socket_connect_timeout", HttpAny, 1, 1, Built);
        Add("lua_socket_send_timeout", HttpAny, 1, 1, Built);
        Add("lua_socket_read_timeout", HttpAny, 1, 1, Built);
        Add("lua_socket_send_lowat", HttpAny, 1, 1, Built);
        Add("lua_socket_buffer_size", HttpAny, 1, 1, Built);
        Add("lua_socket_pool_size", HttpAny, 1, 1, Built);
        Add("lua_socket_keepalive_timeout", HttpAny, 1, 1, Built);
        Flag("lua_socket_log_errors", HttpAny, Built);
        Add("lua_ssl_trusted_certificate", HttpAny, 1, 1, Built);
        Add("lua_ssl_verify_depth", HttpAny, 1, 1, Built);
        Add("lua_ssl_protocols", HttpAny, 1, N, Built);
        Add("lua_ssl_ciphers", HttpAny, 1, 1, Built);
        Add("lua_ssl_crl", HttpAny, 1, 1, NotYet);
        Add("lua_ssl_conf_command", HttpAny, 2, 2, NotYet);
        Flag("lua_check_client_abort", HttpAny, Built);
        Add("lua_malloc_trim", HttpMain, 1, 1, Built);
        Flag("lua_sa_restart", HttpMain, Built);
        // get_logs/set_filter_level need the captured log, which tidegate does not keep yet.
        Add("lua_capture_error_log", HttpMain, 1, 1, Built);
        Add("lua_load_resty_core", HttpMain, 1, 1, Equivalent);
    }

    /// <summary>The specs registered under a name (empty when nginx would say "unknown directive").</summary>
    public static IReadOnlyList<DirectiveSpec> Lookup(string name) =>
        specs.TryGetValue(name, out var list) ? list : Array.Empty<DirectiveSpec>();

    public static IEnumerable<DirectiveSpec> All => specs.Values.SelectMany(l => l);

    /// <summary>Lua handler directives come in three forms: "x" (a string), "x_block" and "x_file".</summary>
    private static void LuaHandler(string stem, DirectiveContext contexts, bool hasStringForm = true)
    {
        if (hasStringForm) Add(stem, contexts, 1, 1, Built);
        Block(stem + "_block", contexts, 0, 0, Built);
        Add(stem + "_file", contexts, 1, 1, Built);
    }

    private static void Add(string name, DirectiveContext contexts, int min, int max, DirectiveSupport support, bool unique = false) =>
        Register(new DirectiveSpec(name, contexts, min, max, support, Unique: unique));

    private static void Flag(string name, DirectiveContext contexts, DirectiveSupport support, bool offIsEquivalent = false) =>
        Register(new DirectiveSpec(name, contexts, 1, 1, support, IsFlag: true, Unique: true, OffIsEquivalent: offIsEquivalent));

    private static void Block(string name, DirectiveContext contexts, int min, int max, DirectiveSupport support, bool unique = false) =>
        Register(new DirectiveSpec(name, contexts, min, max, support, IsBlock: true, Unique: unique));

    private static void Register(DirectiveSpec spec)
    {
        if (!specs.TryGetValue(spec.Name, out var list)) specs[spec.Name] = list = new List<DirectiveSpec>();
        list.Add(spec);
    }
}
