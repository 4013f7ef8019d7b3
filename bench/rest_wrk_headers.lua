-- wrk script of bench/rest_bench.sh: the OpenIDM admin headers on every (keep-alive) request.
wrk.headers["X-OpenIDM-Username"] = "openidm-admin"
wrk.headers["X-OpenIDM-Password"] = "openidm-admin"
wrk.headers["Accept-API-Version"] = "resource=1.0"
