"""The sync protocol: wire models, cursor handling and pure push/pull rules (ARCHITECTURE.md "Sync protocol")."""
