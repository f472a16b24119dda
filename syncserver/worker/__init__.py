"""Background jobs: a shared job table, leases, retries with backoff; in-process or separate workers."""
