"""Chunked AES-256-GCM for large files (ARCHITECTURE "Local vault": documents encrypted in chunks).

Pure functions over iterables; the caller does the I/O. The output of :func:`encrypt_chunks` is a
header followed by records; writing all yielded pieces in order gives the stream that
:func:`decrypt_chunks` reads back from pieces of any size (e.g. 64 KiB file reads).

Format, version 2 (all integers big-endian)::

    header: 0x02 | L (1) | key id (L) | salt (32, random) | chunk size (4)
    record: word (4) = final flag (top bit) | ciphertext length (31 bits); ciphertext || tag (16)

Nonces: each stream gets its own subkey, HKDF-SHA256(key, salt, info = label || header), so a
nonce only has to be unique within one stream; it is ``index (11) || final flag (1)``. The chunk
index and final flag are bound again in the associated data (``index (8) || final (1) || aad``),
so reordering, dropping, duplicating or truncating records, or appending after the final one, is
detected. Every record but the last carries exactly ``chunk size`` plaintext bytes.

Decryption yields each chunk as soon as it is authenticated; truncation of the whole stream is
only detected at its end. Callers must treat the output as unverified until the iterator is
exhausted without error (write to a temporary file, rename on success).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shared.crypto._common import (
    KEY_BYTES,
    TAG_BYTES,
    CryptoError,
    RandomSource,
    check_key,
    decode_key_id,
    default_rng,
    encode_key_id,
    lookup_key,
    random_bytes,
)

#: Format byte of a chunked stream.
STREAM_V2 = 0x02
#: Default plaintext bytes per chunk.
DEFAULT_CHUNK_SIZE = 64 * 1024
#: Largest allowed chunk size (bounds the decrypter's memory for hostile headers).
MAX_CHUNK_SIZE = 16 * 1024 * 1024
_SALT_BYTES = 32
_FINAL_BIT = 0x8000_0000
_HKDF_LABEL = b"ltc-stream-v2"


def _subkey(key: bytes, header: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=_HKDF_LABEL + header)
    return AESGCM(hkdf.derive(key))


def _nonce_and_aad(index: int, final: bool, aad: bytes) -> tuple[bytes, bytes]:
    flag = b"\x01" if final else b"\x00"
    return index.to_bytes(11, "big") + flag, index.to_bytes(8, "big") + flag + aad


def _check_chunk_size(chunk_size: int) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise CryptoError("chunk size out of range")
    return chunk_size


def encrypt_chunks(
    key: bytes,
    key_id: str,
    chunks: Iterable[bytes],
    aad: bytes = b"",
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    rng: RandomSource = default_rng,
) -> Iterator[bytes]:
    """Encrypt the concatenation of ``chunks``; yields the header, then one piece per record.

    Input is re-cut into ``chunk_size`` pieces (the caller's read sizes do not leak); empty input
    gives one empty final record. Arguments are checked before the first piece is produced.
    """
    check_key(key)
    _check_chunk_size(chunk_size)
    salt = random_bytes(rng, _SALT_BYTES)
    header = bytes([STREAM_V2]) + encode_key_id(key_id) + salt + chunk_size.to_bytes(4, "big")
    return _encrypt(_subkey(key, header, salt), header, chunks, bytes(aad), chunk_size)


def _encrypt(aead: AESGCM, header: bytes, chunks: Iterable[bytes], aad: bytes, chunk_size: int) -> Iterator[bytes]:
    yield header
    index = 0
    buffer = bytearray()

    def record(data: bytes, final: bool) -> bytes:
        nonce, chunk_aad = _nonce_and_aad(index, final, aad)
        sealed = aead.encrypt(nonce, data, chunk_aad)
        return (len(sealed) | (_FINAL_BIT if final else 0)).to_bytes(4, "big") + sealed

    for chunk in chunks:
        buffer += chunk
        while len(buffer) > chunk_size:  # more data follows, so this record is not the last
            yield record(bytes(buffer[:chunk_size]), False)
            del buffer[:chunk_size]
            index += 1
    yield record(bytes(buffer), True)


def decrypt_chunks(keyring: Mapping[str, bytes], pieces: Iterable[bytes], aad: bytes = b"") -> Iterator[bytes]:
    """Decrypt a stream made by :func:`encrypt_chunks`, given as pieces of any size.

    Yields plaintext chunk by chunk. Raises CryptoError for an unknown version or key id, a
    modified, reordered, dropped or duplicated record, data after the final record, or a stream
    that ends before its final record.
    """
    aad = bytes(aad)
    buffer = bytearray()
    source = iter(pieces)
    aead: AESGCM | None = None
    chunk_size = 0
    index = 0
    finished = False
    exhausted = False
    while True:
        if not exhausted:
            piece = next(source, None)
            if piece is None:
                exhausted = True
            else:
                buffer += piece
        if aead is None:
            parsed = _parse_header(buffer, keyring, exhausted)
            if parsed is None:
                continue
            aead, chunk_size, header_len = parsed
            del buffer[:header_len]
        while len(buffer) >= 4:
            if finished:
                raise CryptoError("data after the final chunk")
            word = int.from_bytes(buffer[:4], "big")
            final, length = bool(word & _FINAL_BIT), word & ~_FINAL_BIT
            full = chunk_size + TAG_BYTES
            if not TAG_BYTES <= length <= full or (not final and length != full):
                raise CryptoError("malformed chunk length")
            if len(buffer) < 4 + length:
                break
            nonce, chunk_aad = _nonce_and_aad(index, final, aad)
            try:
                plaintext = aead.decrypt(nonce, bytes(buffer[4 : 4 + length]), chunk_aad)
            except InvalidTag:
                raise CryptoError("chunk authentication failed") from None
            del buffer[: 4 + length]
            index += 1
            finished = final
            yield plaintext
        if exhausted:
            if finished and buffer:
                raise CryptoError("data after the final chunk")
            if buffer or not finished:
                raise CryptoError("truncated stream")
            return


def _parse_header(buffer: bytearray, keyring: Mapping[str, bytes], exhausted: bool) -> tuple[AESGCM, int, int] | None:
    """The stream's subkey, chunk size and header length, or None while more input is needed."""
    if buffer and buffer[0] != STREAM_V2:
        raise CryptoError("unsupported stream version")
    if len(buffer) < 2 or len(buffer) < 2 + buffer[1] + _SALT_BYTES + 4:
        if exhausted:
            raise CryptoError("truncated stream header")
        return None
    data = bytes(buffer)
    key_id, offset = decode_key_id(data, 1)
    salt = data[offset : offset + _SALT_BYTES]
    chunk_size = _check_chunk_size(int.from_bytes(data[offset + _SALT_BYTES : offset + _SALT_BYTES + 4], "big"))
    header_len = offset + _SALT_BYTES + 4
    key = lookup_key(keyring, key_id)
    return _subkey(key, data[:header_len], salt), chunk_size, header_len
