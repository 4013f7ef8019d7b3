-- wrk script of bench/scim_bench.sh: the SCIM bearer token (AIC_SCIM_TOKEN) on every request.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("AIC_SCIM_TOKEN")
wrk.headers["Accept"] = "application/scim+json"
