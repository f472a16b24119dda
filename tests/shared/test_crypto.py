"""Tests of shared.crypto: envelopes, chunked streams, HMAC/token helpers, KDF and key wrapping."""

from __future__ import annotations

import itertools
import math
import string
from collections.abc import Callable, Iterator

import pytest

import shared.crypto.kdf as kdf_module
from shared.crypto import (
    CryptoError,
    KdfParams,
    b64url_decode,
    b64url_encode,
    choose_kdf_params,
    clock_measure,
    constant_time_equals,
    decrypt_chunks,
    derive_kek,
    email_hmac,
    encrypt_chunks,
    envelope_key_id,
    hmac_sha256_hex,
    new_data_key,
    new_kdf_salt,
    new_token,
    normalize_email,
    open_envelope,
    open_text_envelope,
    seal,
    seal_text,
    token_hash,
    unwrap_key,
    wrap_key,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
RING = {"k1": KEY, "k2": OTHER_KEY}
TINY = KdfParams(time_cost=1, memory_cost=8, parallelism=1, salt=b"s" * 16)


def fixed_rng(byte: int = 0) -> Callable[[int], bytes]:
    return lambda n: bytes([byte]) * n


def counting_rng() -> Callable[[int], bytes]:
    counter = itertools.count(1)
    return lambda n: bytes([next(counter) % 256]) * n


# --- envelopes -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 1000])
@pytest.mark.parametrize("aad", [b"", b"vehicle:42"])
def test_envelope_round_trip(size: int, aad: bytes) -> None:
    plaintext = bytes(i % 251 for i in range(size))
    envelope = seal(KEY, "k1", plaintext, aad)
    assert len(envelope) == 1 + 1 + 2 + 12 + size + 16
    assert open_envelope(RING, envelope, aad) == plaintext
    assert open_text_envelope(RING, seal_text(KEY, "k1", plaintext, aad), aad) == plaintext


def test_envelope_layout_and_nist_keystream() -> None:
    # NIST GCM test case 14 (AES-256, zero key/IV, 16 zero bytes): the ciphertext part does not
    # depend on the associated data, so it must equal the published value.
    envelope = seal(bytes(32), "k1", bytes(16), rng=fixed_rng(0))
    assert envelope[:4] == b"\x01\x02k1"
    assert envelope[4:16] == bytes(12)
    assert envelope[16:32].hex() == "cea7403d4d606b6e074ec5d3baf39d18"
    assert seal(bytes(32), "k1", bytes(16), rng=fixed_rng(0)) == envelope
    assert seal(bytes(32), "k1", bytes(16), rng=fixed_rng(1)) != envelope


def test_envelope_nonces_are_fresh() -> None:
    assert seal(KEY, "k1", b"same") != seal(KEY, "k1", b"same")


SAMPLE = seal(KEY, "k1", b"hello", b"ctx", rng=fixed_rng(7))  # 1+1+2 | 12 | 5 | 16 = 37 bytes
REGIONS = [(0, "version"), (1, "key id length"), *[(i, "key id") for i in (2, 3)]]
REGIONS += [(i, "nonce") for i in range(4, 16)] + [(i, "ciphertext") for i in range(16, 21)]
REGIONS += [(i, "tag") for i in range(21, 37)]


def test_sample_regions_cover_every_byte() -> None:
    assert [i for i, _ in REGIONS] == list(range(len(SAMPLE)))


@pytest.mark.parametrize(("index", "region"), REGIONS)
@pytest.mark.parametrize("mask", [0x01, 0x80])
def test_envelope_tamper_every_byte(index: int, region: str, mask: int) -> None:
    tampered = bytearray(SAMPLE)
    tampered[index] ^= mask
    with pytest.raises(CryptoError):
        open_envelope(RING, bytes(tampered), b"ctx")


@pytest.mark.parametrize("length", range(len(SAMPLE)))
def test_envelope_truncated(length: int) -> None:
    with pytest.raises(CryptoError):
        open_envelope(RING, SAMPLE[:length], b"ctx")


@pytest.mark.parametrize(
    ("keyring", "envelope", "aad"),
    [
        (RING, SAMPLE + b"\x00", b"ctx"),  # appended byte
        (RING, SAMPLE, b""),  # wrong aad
        (RING, SAMPLE, b"ctx2"),
        ({"k1": OTHER_KEY}, SAMPLE, b"ctx"),  # wrong key under the right id
        ({"k2": KEY}, SAMPLE, b"ctx"),  # unknown key id
        ({"k1": KEY[:16]}, SAMPLE, b"ctx"),  # malformed keyring entry
        ({"k1": "x" * 32}, SAMPLE, b"ctx"),
        (RING, b"\x02" + SAMPLE[1:], b"ctx"),  # unknown version
        (RING, b"\xff" + SAMPLE[1:], b"ctx"),
        (RING, b"\x01\x00" + SAMPLE[2:], b"ctx"),  # empty key id
        (RING, SAMPLE[:2] + b"k " + SAMPLE[4:], b"ctx"),  # key id outside the alphabet
    ],
)
def test_envelope_rejects(keyring: dict[str, object], envelope: bytes, aad: bytes) -> None:
    with pytest.raises(CryptoError):
        open_envelope(keyring, envelope, aad)  # type: ignore[arg-type]


def test_envelope_key_rotation() -> None:
    old, new = seal(KEY, "k1", b"a"), seal(OTHER_KEY, "k2", b"b")
    assert (envelope_key_id(old), envelope_key_id(new)) == ("k1", "k2")
    assert (open_envelope(RING, old), open_envelope(RING, new)) == (b"a", b"b")


@pytest.mark.parametrize(
    ("key", "key_id", "rng"),
    [
        (KEY[:16], "k1", None),
        (KEY + b"x", "k1", None),
        (KEY, "", None),
        (KEY, "k 1", None),
        (KEY, "schlüssel", None),
        (KEY, "k" * 65, None),
        (KEY, "k1", lambda n: b"\x00" * (n - 1)),
    ],
)
def test_seal_rejects_bad_arguments(key: bytes, key_id: str, rng: Callable[[int], bytes] | None) -> None:
    with pytest.raises(CryptoError):
        seal(key, key_id, b"x", rng=rng or fixed_rng())


def test_key_id_alphabet_accepted() -> None:
    key_id = "Vault-2025_srv:3." + "k" * 47  # 64 characters, the maximum
    assert envelope_key_id(seal(KEY, key_id, b"")) == key_id


@pytest.mark.parametrize("text", ["", "!!!!", "AQ==", "A", "ab+/", "é", "AQI=AQI"])
def test_text_envelope_rejects_malformed(text: str) -> None:
    with pytest.raises(CryptoError):
        open_text_envelope(RING, text)


@pytest.mark.parametrize("data", [b"", b"\x00", b"\xff\xfe", bytes(range(256))])
def test_b64url_round_trip(data: bytes) -> None:
    text = b64url_encode(data)
    assert set(text) <= set(string.ascii_letters + string.digits + "-_")
    assert b64url_decode(text) == data


def test_b64url_decode_rejects_non_string() -> None:
    with pytest.raises(CryptoError):
        b64url_decode(b"AQ")  # type: ignore[arg-type]


# --- chunked streams -------------------------------------------------------------------------


def split(data: bytes, size: int) -> Iterator[bytes]:
    return (data[i : i + size] for i in range(0, len(data), size))


def stream(data: bytes, chunk: int = 8, aad: bytes = b"", rng: Callable[[int], bytes] | None = None) -> bytes:
    return b"".join(encrypt_chunks(KEY, "k1", split(data, 5), aad, chunk_size=chunk, rng=rng or fixed_rng(3)))


def decrypt_all(data: bytes, aad: bytes = b"", piece: int = 7, keyring: dict[str, bytes] = RING) -> bytes:
    return b"".join(decrypt_chunks(keyring, split(data, piece), aad))


HEADER = 1 + 1 + 2 + 32 + 4  # version | key id length | "k1" | salt | chunk size


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 16, 17, 100])
@pytest.mark.parametrize("chunk", [1, 8, 64])
@pytest.mark.parametrize("piece", [1, 3, 1000])
def test_stream_round_trip(size: int, chunk: int, piece: int) -> None:
    data = bytes(i % 253 for i in range(size))
    sealed = stream(data, chunk)
    records = max(1, math.ceil(size / chunk))
    assert len(sealed) == HEADER + records * (4 + 16) + size
    assert decrypt_all(sealed, piece=piece) == data


def test_stream_pieces_are_header_then_records() -> None:
    pieces = list(encrypt_chunks(KEY, "k1", [b"a" * 10, b"", b"b" * 10], chunk_size=8, rng=fixed_rng(3)))
    assert [len(p) for p in pieces] == [HEADER, 4 + 8 + 16, 4 + 8 + 16, 4 + 4 + 16]
    assert pieces[1][:4] == (24).to_bytes(4, "big")
    assert pieces[3][:4] == (0x8000_0000 | 20).to_bytes(4, "big")
    assert list(decrypt_chunks(RING, pieces)) == [b"a" * 8, b"aabbbbbb", b"bbbb"]


def test_stream_output_does_not_depend_on_input_splits() -> None:
    data = bytes(range(50))
    runs = [b"".join(encrypt_chunks(KEY, "k1", split(data, n), chunk_size=8, rng=fixed_rng(3))) for n in (1, 8, 50)]
    assert runs[0] == runs[1] == runs[2]


def test_streams_use_fresh_salts() -> None:
    assert stream(b"x" * 20, rng=fixed_rng(1))[HEADER:] != stream(b"x" * 20, rng=fixed_rng(2))[HEADER:]


STREAM_SAMPLE = stream(b"0123456789abcdefXYZ", 8, b"doc:1")  # records of 8, 8, 3 bytes
RECORD = 4 + 8 + 16
R1, R2 = HEADER, HEADER + RECORD
R3 = HEADER + 2 * RECORD


@pytest.mark.parametrize("index", range(len(STREAM_SAMPLE)))
def test_stream_tamper_every_byte(index: int) -> None:
    tampered = bytearray(STREAM_SAMPLE)
    tampered[index] ^= 0x01
    with pytest.raises(CryptoError):
        decrypt_all(bytes(tampered), b"doc:1")


@pytest.mark.parametrize("length", [0, 1, 2, HEADER - 1, HEADER, R1 + 3, R2, R3, R3 + 20, len(STREAM_SAMPLE) - 1])
def test_stream_truncated(length: int) -> None:
    with pytest.raises(CryptoError):
        decrypt_all(STREAM_SAMPLE[:length], b"doc:1")


FIRST, SECOND, LAST = STREAM_SAMPLE[R1:R2], STREAM_SAMPLE[R2:R3], STREAM_SAMPLE[R3:]
HEAD = STREAM_SAMPLE[:HEADER]
OTHER_SALT_HEAD = stream(b"0123456789abcdefXYZ", 8, b"doc:1", rng=fixed_rng(9))[:HEADER]


@pytest.mark.parametrize(
    ("data", "aad", "keyring"),
    [
        (HEAD + SECOND + FIRST + LAST, b"doc:1", RING),  # reordered
        (HEAD + FIRST + LAST, b"doc:1", RING),  # dropped middle record
        (HEAD + FIRST + FIRST + SECOND + LAST, b"doc:1", RING),  # duplicated record
        (HEAD + FIRST + SECOND, b"doc:1", RING),  # dropped final record
        (HEAD + FIRST + bytes([SECOND[0] | 0x80]) + SECOND[1:], b"doc:1", RING),  # truncated, forged final flag
        (STREAM_SAMPLE + LAST, b"doc:1", RING),  # second final record
        (STREAM_SAMPLE + b"\x00", b"doc:1", RING),  # trailing garbage
        (STREAM_SAMPLE + b"\x00" * 8, b"doc:1", RING),
        (STREAM_SAMPLE, b"doc:2", RING),  # wrong aad
        (STREAM_SAMPLE, b"doc:1", {"k1": OTHER_KEY}),  # wrong key
        (STREAM_SAMPLE, b"doc:1", {"k2": KEY}),  # unknown key id
        (b"\x03" + STREAM_SAMPLE[1:], b"doc:1", RING),  # unknown version
        (HEAD[:-4] + (0).to_bytes(4, "big") + STREAM_SAMPLE[HEADER:], b"doc:1", RING),  # chunk size 0
        (HEAD + (0x8000_0000 | 5).to_bytes(4, "big") + b"\x00" * 5, b"doc:1", RING),  # record shorter than tag
        (HEAD + (20).to_bytes(4, "big") + b"\x00" * 20, b"doc:1", RING),  # short non-final record
        (OTHER_SALT_HEAD + STREAM_SAMPLE[HEADER:], b"doc:1", RING),  # records moved to another stream
        (seal(KEY, "k1", b"0123"), b"", RING),  # an envelope is not a stream
    ],
)
def test_stream_rejects(data: bytes, aad: bytes, keyring: dict[str, bytes]) -> None:
    with pytest.raises(CryptoError):
        decrypt_all(data, aad, keyring=keyring)


def test_envelope_refuses_a_stream() -> None:
    with pytest.raises(CryptoError, match="version"):
        open_envelope(RING, STREAM_SAMPLE)


@pytest.mark.parametrize(("key", "chunk"), [(KEY[:31], 8), (KEY, 0), (KEY, 16 * 1024 * 1024 + 1), (KEY, True)])
def test_encrypt_chunks_checks_arguments_eagerly(key: bytes, chunk: int) -> None:
    with pytest.raises(CryptoError):
        encrypt_chunks(key, "k1", iter(()), chunk_size=chunk)


def test_decrypt_yields_verified_chunks_before_the_end() -> None:
    chunks = decrypt_chunks(RING, [STREAM_SAMPLE[:R2]], b"doc:1")
    assert next(chunks) == b"01234567"
    with pytest.raises(CryptoError, match="truncated"):
        next(chunks)


# --- HMAC, e-mail, tokens --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "data", "mac"),
    [  # RFC 4231 test cases 1-3
        (b"\x0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (b"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (b"\xaa" * 20, b"\xdd" * 50, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    ],
)
def test_hmac_sha256_rfc4231(key: bytes, data: bytes | str, mac: str) -> None:
    assert hmac_sha256_hex(key, data) == mac


def test_hmac_needs_a_key() -> None:
    with pytest.raises(CryptoError):
        hmac_sha256_hex(b"", b"x")


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [(b"abc", b"abc", True), ("abc", "abc", True), ("abc", "abd", False), ("é", "é".encode(), True), (b"", b"", True)]
    + [("a", "", False), (b"abc", b"abcd", False)],
)
def test_constant_time_equals(a: bytes | str, b: bytes | str, equal: bool) -> None:
    assert constant_time_equals(a, b) is equal


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("foo@example.com", "foo@example.com"),
        ("  Foo@Example.COM ", "foo@example.com"),
        ("\tA@B.de\n", "a@b.de"),
        ("ｆｏｏ@ｅｘａｍｐｌｅ.com", "foo@example.com"),  # full-width forms fold under NFKC
        ("Ä@x.de", "ä@x.de"),
    ],
)
def test_normalize_email_and_hmac(raw: str, normalised: str) -> None:
    secret = b"s" * 16
    assert normalize_email(raw) == normalised
    assert email_hmac(secret, raw) == hmac_sha256_hex(secret, normalised)


@pytest.mark.parametrize(("key", "email"), [(b"s" * 15, "a@b.de"), (b"s" * 16, "   "), (b"s" * 16, "")])
def test_email_hmac_rejects(key: bytes, email: str) -> None:
    with pytest.raises(CryptoError):
        email_hmac(key, email)


@pytest.mark.parametrize(("nbytes", "length"), [(16, 22), (32, 43), (48, 64)])
def test_new_token(nbytes: int, length: int) -> None:
    token = new_token(nbytes)
    assert len(token) == length
    assert set(token) <= set(string.ascii_letters + string.digits + "-_")
    assert b64url_decode(token) != b64url_decode(new_token(nbytes))
    assert new_token(nbytes, rng=fixed_rng(0xFF)) == b64url_encode(b"\xff" * nbytes)


@pytest.mark.parametrize("nbytes", [0, 15, True])
def test_new_token_rejects_weak_sizes(nbytes: int) -> None:
    with pytest.raises(CryptoError):
        new_token(nbytes)


def test_token_hash_fips_180_vector() -> None:
    assert token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert token_hash(new_token()) != token_hash(new_token())


# --- KDF parameters, KEK, key wrapping ------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"time_cost": 0},
        {"time_cost": 65},
        {"time_cost": 1.0},
        {"parallelism": 0},
        {"parallelism": True},
        {"memory_cost": 7},
        {"memory_cost": 4 * 1024 * 1024 + 1},
        {"parallelism": 2, "memory_cost": 15},
        {"salt": b"s" * 15},
        {"salt": "s" * 16},
        {"hash_len": 16},
    ],
)
def test_kdf_params_validation(kwargs: dict[str, object]) -> None:
    base: dict[str, object] = {"time_cost": 1, "memory_cost": 8, "parallelism": 1, "salt": b"s" * 16}
    with pytest.raises(CryptoError):
        KdfParams(**{**base, **kwargs})  # type: ignore[arg-type]


def test_kdf_params_dict_round_trip() -> None:
    params = KdfParams(time_cost=3, memory_cost=65536, parallelism=4, salt=bytes(range(16)))
    data = params.to_dict()
    assert data == {
        "algorithm": "argon2id",
        "version": 19,
        "time_cost": 3,
        "memory_cost_kib": 65536,
        "parallelism": 4,
        "salt": "AAECAwQFBgcICQoLDA0ODw",
        "hash_len": 32,
    }
    assert KdfParams.from_dict(data) == params


GOOD_DICT = KdfParams(1, 8, 1, b"s" * 16).to_dict()


@pytest.mark.parametrize(
    "change",
    [
        {"algorithm": "argon2i"},
        {"version": 16},
        {"salt": None},
        {"salt": 42},
        {"salt": "!!"},
        {"salt": "c2FsdA"},  # 4 bytes
        {"time_cost": None},
        {"memory_cost_kib": "8"},
        {"parallelism": True},
        {"hash_len": 64},
    ],
)
def test_kdf_params_from_dict_rejects(change: dict[str, object]) -> None:
    with pytest.raises(CryptoError):
        KdfParams.from_dict({**GOOD_DICT, **change})


def test_derive_kek_is_deterministic_and_salted() -> None:
    kek = derive_kek("correct horse battery", TINY)
    assert len(kek) == 32
    assert derive_kek("correct horse battery", TINY) == kek
    assert derive_kek("correct horse batterz", TINY) != kek
    assert derive_kek("correct horse battery", KdfParams(1, 8, 1, b"t" * 16)) != kek
    assert derive_kek("correct horse battery", KdfParams(2, 8, 1, b"s" * 16)) != kek


@pytest.mark.parametrize(("a", "b"), [("ﬁsh-pass", "fish-pass"), ("caf\u00e9-pass", "cafe\u0301-pass")])
def test_derive_kek_normalises_passwords(a: str, b: str) -> None:
    assert derive_kek(a, TINY) == derive_kek(b, TINY)


def test_derive_kek_rejects_empty_password() -> None:
    with pytest.raises(CryptoError):
        derive_kek("", TINY)


def test_derive_kek_maps_argon2_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> bytes:
        raise kdf_module.HashingError("out of memory")

    monkeypatch.setattr(kdf_module, "hash_secret_raw", failing)
    with pytest.raises(CryptoError, match="derivation"):
        derive_kek("pw", TINY)


def test_wrap_unwrap_round_trip_and_wrong_password() -> None:
    data_key = new_data_key()
    assert len(data_key) == 32
    assert data_key != new_data_key()
    wrapped = wrap_key(derive_kek("right password", TINY), data_key)
    assert len(wrapped) == 61
    assert wrapped[0] == 0x03
    assert unwrap_key(derive_kek("right password", TINY), wrapped) == data_key
    with pytest.raises(CryptoError, match="wrong password"):
        unwrap_key(derive_kek("wrong password", TINY), wrapped)


def test_wrap_is_deterministic_with_fixed_rng() -> None:
    assert wrap_key(KEY, OTHER_KEY, rng=fixed_rng(5)) == wrap_key(KEY, OTHER_KEY, rng=fixed_rng(5))
    assert wrap_key(KEY, OTHER_KEY, rng=fixed_rng(5)) != wrap_key(KEY, OTHER_KEY, rng=fixed_rng(6))
    assert new_data_key(rng=fixed_rng(9)) == b"\x09" * 32
    assert new_kdf_salt(rng=counting_rng()) == b"\x01" * 16


WRAPPED = wrap_key(KEY, OTHER_KEY, rng=fixed_rng(5))


@pytest.mark.parametrize("index", range(61))
def test_unwrap_detects_tampering(index: int) -> None:
    tampered = bytearray(WRAPPED)
    tampered[index] ^= 0x40
    with pytest.raises(CryptoError):
        unwrap_key(KEY, bytes(tampered))


@pytest.mark.parametrize(
    ("kek", "wrapped"),
    [(KEY, WRAPPED[:-1]), (KEY, WRAPPED + b"\x00"), (KEY, b""), (KEY[:16], WRAPPED), (OTHER_KEY, WRAPPED)],
)
def test_unwrap_rejects(kek: bytes, wrapped: bytes) -> None:
    with pytest.raises(CryptoError):
        unwrap_key(kek, wrapped)


@pytest.mark.parametrize(("kek", "data_key"), [(KEY[:16], OTHER_KEY), (KEY, OTHER_KEY[:16]), (KEY, b"")])
def test_wrap_rejects_bad_keys(kek: bytes, data_key: bytes) -> None:
    with pytest.raises(CryptoError):
        wrap_key(kek, data_key)


# --- KDF tuning with a fake measurement ------------------------------------------------------

FLOOR = 3 * 65536  # time_cost × memory_cost at the default floor (t=3, m=64 MiB)


@pytest.mark.parametrize(
    ("floor_seconds", "time_cost", "memory_mib"),
    [
        (0.6, 3, 64),  # slow machine: never below the floor
        (0.5, 3, 64),  # exactly on target
        (0.2, 3, 128),  # one doubling (0.4 s), t=4 would be 0.53 s
        (0.1, 3, 256),  # two doublings (0.4 s)
        (0.05, 3, 512),  # three doublings (0.4 s), t=4 -> 0.53 s is over
        (0.03, 3, 1024),  # four doublings (0.48 s), t=4 -> 0.64 s is over
        (0.02, 4, 1024),  # 1 GiB at 0.32 s, t=4 -> 0.43 s, t=5 -> 0.53 s is over
        (0.01, 9, 1024),  # memory capped at 1 GiB (0.16 s), then t=9 -> 0.48 s
        (0.0001, 16, 1024),  # both capped
    ],
)
def test_choose_kdf_params(floor_seconds: float, time_cost: int, memory_mib: int) -> None:
    calls: list[KdfParams] = []

    def measure(params: KdfParams) -> float:  # linear cost model of a fake machine
        calls.append(params)
        return floor_seconds * params.time_cost * params.memory_cost / FLOOR

    chosen = choose_kdf_params(measure, 0.5, salt=b"x" * 16)
    assert (chosen.time_cost, chosen.memory_cost, chosen.parallelism) == (time_cost, memory_mib * 1024, 4)
    assert chosen.salt == b"x" * 16
    assert calls[0].time_cost == 3
    assert calls[0].memory_cost == 64 * 1024
    assert len(calls) <= 1 + 4 + 13


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ((8, 8, 1, 1), (1, 8)),
        ((8, 20, 1, 2), (2, 16)),
        ((16, 64, 2, 5), (5, 64)),
    ],
)
def test_choose_kdf_params_generates_salt_and_honours_bounds(
    bounds: tuple[int, int, int, int], expected: tuple[int, int]
) -> None:
    min_m, max_m, min_t, max_t = bounds
    chosen = choose_kdf_params(
        lambda p: 0.0,
        parallelism=1,
        rng=fixed_rng(2),
        min_memory_kib=min_m,
        max_memory_kib=max_m,
        min_time_cost=min_t,
        max_time_cost=max_t,
    )
    assert chosen == KdfParams(expected[0], expected[1], 1, b"\x02" * 16)


@pytest.mark.parametrize(
    ("measured", "kwargs"),
    [
        (float("nan"), {}),
        (-1.0, {}),
        (float("inf"), {}),
        (0.1, {"target_seconds": 0}),
        (0.1, {"target_seconds": -1.0}),
        (0.1, {"min_memory_kib": 2048, "max_memory_kib": 1024}),
        (0.1, {"min_time_cost": 4, "max_time_cost": 3}),
    ],
)
def test_choose_kdf_params_rejects(measured: float, kwargs: dict[str, object]) -> None:
    with pytest.raises(CryptoError):
        choose_kdf_params(lambda p: measured, salt=b"x" * 16, **kwargs)  # type: ignore[arg-type]


def test_clock_measure_times_a_real_derivation() -> None:
    ticks = iter([10.0, 10.25])
    assert clock_measure(lambda: next(ticks))(TINY) == pytest.approx(0.25)
