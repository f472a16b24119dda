"""Document intake: streamed upload, clamd scan, text extraction and PII detection (D15)."""
