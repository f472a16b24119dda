"""End-to-end tests: a real uvicorn server on a loopback port, the public page in headless Chromium."""
