"""Sync endpoints and services (issue #6): push of intent mutations, pull of visible changes, blobs."""
