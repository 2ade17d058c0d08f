"""Avalon (Canaan AvalonMiner, Nano, Mini, Q) over cgminer 4.11 on 4028.

Almost everything worth reading is in ``estats`` (``stats`` on old units), packed into one string
per module: ``"MM ID0": "Ver[…] Temp[31] MGHS[59459.52 61407.83 63139.66] PS[0 1209 …]"`` —
``Key[value]`` tokens, lists space-separated. Newer firmware (Q, some A15) nests blocks:
``"MM ID0:Summary": "'STATS':{Ver[…] …}"`` and ``"HBinfo": "'HB0':{PVT_T0[…] …}"``. Rates in the
blob are GH/s; error words are numbers to compare with what a healthy unit shows.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import (
    Driver,
    Session,
    base_snapshot,
    first,
    parse_pools,
    section,
)
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import Board, Identity, MinerSnapshot, PoolStatus, Target, VendorError
from rig_monitor.core.values import (
    average_rate,
    hashrate_ths,
    integer,
    max_or_none,
    num,
    rate_from,
    temp,
)
from rig_monitor.core.wire.cgminer import status_of, status_ok

RATE_NOW = ("5s", "30s", "1m", "5m")  # not "av": a standby Q keeps a high average
RATE_AVG = ("15m", "5m", "av")
_MM_KEY = re.compile(r"^MM ID\d+")
# ECHU values healthy units show: 0, and 512 on the A10 generation (faults.md §3.7).
ECHU_HEALTHY = frozenset({0, 512})

Blob = dict[str, Any]  # key → raw text, or a nested Blob for 'NAME':{…} blocks
_NAME_BLOCK = re.compile(r"\s*:\s*\{")
_TOKEN_START = re.compile(r"['\[]")
# A real module blob ('MM ID0') is a few KB; the walk below is per character, so a hostile
# megabyte would cost its miner a quarter of a second per poll. Longer is a bad reply.
MAX_BLOB_CHARS = 128 * 1024
# The shape of every real flat blob and of each nested block's body: ``Key[value]`` tokens whose
# values hold no bracket, and bare words ("Nonce" of "Nonce Mask[25]"), apart by whitespace, no
# quote or brace anywhere outside a value. Such a text reads with one ``findall`` exactly as the
# walk below reads it (its keys: the run of non-space, non-"]{}" characters before "["); anything
# else takes the walk. Possessive quantifiers: linear time on any text.
_KEY_CHARS = r"[^\s\[\]{}']"
_FLAT_BLOB = re.compile(rf"(?:\s++|{_KEY_CHARS}*+\[[^\[\]]*+\]|{_KEY_CHARS}++(?=\s|\Z))*+")
_FLAT_TOKEN = re.compile(rf"({_KEY_CHARS}*)\[([^\[\]]*)\]")
_BRACKET = re.compile(r"[\[\]{}']")


def parse_brackets(text: str) -> Blob:
    """``Key[value] …`` and ``'NAME':{…}`` tokens → dict. Tolerates junk between tokens,
    brackets inside values (counted), unterminated tails, and keys repeated (last wins).
    Raises ValueError for a text longer than any real one (``MAX_BLOB_CHARS``)."""
    if len(text) > MAX_BLOB_CHARS:
        raise ValueError(f"an estats text of {len(text):,} characters (real ones: a few KB)")
    if "{" not in text and "'" not in text:  # no nested block: the flat shape, most likely
        # One pass: the tokens and what lies between them; the text has the flat shape when
        # nothing between them is a bracket (the rest is whitespace and bare words), which is
        # what _FLAT_BLOB.fullmatch says, without its possessive loop: it saved and restored
        # the regex engine's stack per token (~1.1 M instructions of an Avalon poll's 3.9 M).
        parts = _FLAT_TOKEN.split(text)
        if _BRACKET.search("".join(parts[0::3])) is None:
            return _flat_tokens(parts[1::3], parts[2::3])
    elif _FLAT_BLOB.fullmatch(text):
        tokens = _FLAT_TOKEN.findall(text)
        return _flat_tokens([k for k, _ in tokens], [v for _, v in tokens])
    out: Blob = {}
    i, n = 0, len(text)
    while i < n:
        found = _TOKEN_START.search(text, i)  # skip the junk between tokens at C speed
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "'":
            end = text.find("'", i + 1)
            # match at a position, never on a slice: a run of quotes would copy the rest of a
            # 2 MB reply once per quote (quadratic; found by tests/core/hostile)
            m = _NAME_BLOCK.match(text, end + 1) if end > 0 else None
            if m:
                body_start = m.end()
                body_end = _closing(text, body_start, "{", "}")
                out[text[i + 1 : end]] = parse_brackets(text[body_start:body_end])
                i = body_end + 1
                continue
            i += 1
            continue
        if ch == "[":
            key_start = i
            while (
                key_start > 0
                and not text[key_start - 1].isspace()
                and text[key_start - 1] not in "]{}"
            ):
                key_start -= 1
            key = text[key_start:i].strip().strip(",")
            end = _closing(text, i + 1, "[", "]")
            if key:
                out[key] = text[i + 1 : end].strip()
            i = end + 1
            continue
        i += 1
    return out


def _flat_tokens(keys: list[str], values: list[str]) -> Blob:
    out: Blob = {}
    for key, value in zip(keys, values, strict=True):
        key = key.strip(",")
        if key:
            out[key] = value.strip()
    return out


def _closing(text: str, start: int, opening: str, closing: str) -> int:
    """Where the bracket opened just before ``start`` closes (len(text) if never), brackets
    inside counted; str.find jumps from bracket to bracket, each character looked at once."""
    depth = 1
    j = start
    close = text.find(closing, j)
    while close >= 0:
        inner = text.find(opening, j, close)
        if inner >= 0:
            depth += 1
            j = inner + 1
            continue
        depth -= 1
        if depth == 0:
            return close
        j = close + 1
        close = text.find(closing, j)
    return len(text)


# A token that is only plain decimals ("59459.52 61407.83", " 66  65", "1.299%"), the shape of
# nearly every real one: each part then reads as ``num`` would read it, so ``float`` reads them in
# one pass instead of a ``num`` call per part (per-chip lists hold ~100 parts: most of an Avalon
# poll's parse). ASCII digits only, parts apart, at most 300 digits before the point (finite).
_PLAIN_NUMBERS = re.compile(
    r"\s*(?:[-+]?\d{1,300}(?:\.\d+)?%*(?:\s+[-+]?\d{1,300}(?:\.\d+)?%*)*\s*)?", re.ASCII
)


def numbers(blob: Blob, key: str) -> list[float]:
    """The numbers in a token ("59459.52 61407.83", "1.299%", " 66  65"); [] when absent."""
    raw = blob.get(key)
    if not isinstance(raw, str):
        return []
    text = raw.replace(",", " ")
    if _PLAIN_NUMBERS.fullmatch(text):
        return [float(part) for part in text.replace("%", "").split()]
    out = []
    for part in text.split():
        f = num(part.rstrip("%"))
        if f is not None:
            out.append(f)
    return out


def number(blob: Blob, key: str) -> float | None:
    values = numbers(blob, key)
    return values[0] if values else None


def avalon_model(prod: Any, model: Any) -> str | None:
    """ "AvalonMiner 15-194" → "A15-194"; "AvalonMiner 1566-185" → "A1566-185"; MODEL "1566" →
    "A1566"; "Nano3s" → "Nano 3S"; "Q" → "Q".

    The part after the dash is the variant (its rated TH/s): "15-194" and "15-218" are different
    machines, and cutting it ("A15") loses the model's limits (the model table falls back to
    the series when a variant is not listed, see modeldb).
    """
    names = [
        re.sub(r"^avalon\s*(?:miner)?\s*", "", str(x or "").strip(), flags=re.IGNORECASE)
        for x in (model, prod)
    ]
    names = [n for n in names if n]
    if not names:
        return None
    text = next((n for n in names if re.fullmatch(r"\d+-\w+", n)), names[0])
    if re.fullmatch(r"\d+(?:-\w+)?", text):
        return f"A{text}"
    head = text.split("-")[0].strip()
    if head.isdigit():
        return f"A{head}"
    nano = re.fullmatch(r"nano\s*(\d+)\s*(s?)", head, re.IGNORECASE)
    if nano:
        return f"Nano {nano.group(1)}{nano.group(2).upper()}"
    return head


def ver_model(ver: Any) -> str | None:
    """The model in an MM ``Ver`` token, for firmware whose ``version`` reply is missing:
    "1246-83-21072802_4ec6bb0_211fc46" → "A1246"; the A7 era's "7411706-3162860" is model 741 and
    build 1706 → "A741" (real captures avalon1246-clock-unset and avalon741-mmid1-oldformat)."""
    m = re.match(r"\s*(\d+)-", str(ver or ""))
    if not m:
        return None
    digits = m.group(1)
    if len(digits) >= 7:
        digits = digits[:-4]  # model + YYMM build
    return avalon_model(None, digits)


def pvt_hottest(value: Any) -> list[float]:
    """Hottest chip per board from ``PVT_T`` "21-76/1-88/83 1-80/11-92/84": per board
    coolest chip-temp / hottest chip-temp / average."""
    out: list[float] = []
    for group in str(value or "").split():
        parts = group.split("/")
        hottest = parts[1].split("-") if len(parts) >= 2 else []
        t = num(hottest[-1]) if len(hottest) == 2 else None
        if t is None:
            return []  # not the triple format: no guess
        out.append(t)
    return out


def _mac(value: Any) -> str | None:
    text = re.sub(r"[^0-9A-Fa-f]", "", str(value or ""))
    if len(text) != 12:
        return str(value).strip() or None if value else None
    return ":".join(text[i : i + 2] for i in range(0, 12, 2)).lower()


def modules(stats_reply: Any) -> list[tuple[Blob, Blob]]:
    """(summary blob, HBinfo blob) per module, old flat and new nested forms alike."""
    out = []
    for item in section(stats_reply, "STATS"):
        for key, raw in item.items():
            if not _MM_KEY.match(str(key)) or not isinstance(raw, str):
                continue
            blob = parse_brackets(raw)
            nested = blob.get("STATS")
            if isinstance(nested, dict):
                blob = nested
            hb_raw = item.get("HBinfo")
            hb = parse_brackets(hb_raw) if isinstance(hb_raw, str) else {}
            out.append((blob, hb))
    return out


def _has_modules(stats_reply: Any) -> bool:
    """Would ``modules`` find any? Without parsing the blobs, which ``parse`` does once."""
    return any(
        isinstance(raw, str) and _MM_KEY.match(str(key)) is not None
        for item in section(stats_reply, "STATS")
        for key, raw in item.items()
    )


# Builds that refuse multi-command requests (the A12 generation's "leading comma" cgminer answers
# a "+" request with Invalid command) answer each command on a connection of its own: 4 a poll.
# ``version`` (model, firmware, MAC, DNA) changes only with an upgrade or another unit at the
# address; the modules' own Ver and DNA tokens in every estats reply say the same, and an upgrade
# restarts cgminer (Elapsed goes down). So it is kept and reused between re-checks, as Whatsminer's
# identity is (whatsminer.IDENTITY_RECHECK_S), and asked again at once on a contradiction.
VERSION_RECHECK_S = 600.0
_VERSION_KEY = "avalon.version"
_MARK_TOKEN = re.compile(r"(?:^|[\s{])(Ver|DNA)\[([^\[\]]*)\]")


def _elapsed(replies: dict[str, Any]) -> float | None:
    return num(first(replies.get("summary"), "SUMMARY").get("Elapsed"))


def _module_marks(replies: dict[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    """Who serves the modules' reply (its STATUS Description) and every module's Ver and DNA
    tokens, found by a regex on the raw text (no blob parse); None when no module is there."""
    reply = replies.get("estats")
    if not _has_modules(reply):
        reply = replies.get("stats")
    marks = tuple(
        tuple(_MARK_TOKEN.findall(raw))
        for item in section(reply, "STATS")
        for key, raw in item.items()
        if isinstance(raw, str) and _MM_KEY.match(str(key))
    )
    if not marks or not isinstance(reply, dict):
        return None
    return status_of(reply).description, marks


@dataclass(slots=True)
class _KeptVersion:
    at: float  # time.monotonic() when asked
    elapsed: float | None  # the summary's Elapsed at the last poll that reused it
    marks: tuple[str, tuple[Any, ...]] | None  # _module_marks when asked
    reply: dict[str, Any]

    @classmethod
    def of(cls, replies: dict[str, Any], now: float) -> _KeptVersion | None:
        """The poll's ``version`` reply worth keeping (answered, with a VERSION item), or None:
        asked again next poll."""
        reply = replies.get("version")
        if not isinstance(reply, dict) or not status_ok(reply) or not first(reply, "VERSION"):
            return None
        return cls(now, _elapsed(replies), _module_marks(replies), reply)

    def contradicted(self, replies: dict[str, Any]) -> bool:
        """A restart (Elapsed went down), other modules or builds (Ver, DNA), another server,
        or nothing to vouch for the kept reply (no module in this poll or when it was kept)."""
        elapsed = _elapsed(replies)
        if elapsed is not None and self.elapsed is not None and elapsed < self.elapsed:
            return True
        marks = _module_marks(replies)
        return marks is None or marks != self.marks


class AvalonDriver(Driver):
    family: ClassVar[str] = "avalon"
    make: ClassVar[str | None] = "Avalon"
    commands: ClassVar[tuple[str, ...]] = ("version", "summary", "estats", "pools")

    async def fetch(self, session: Session) -> dict[str, Any]:
        """The four commands; ``version`` reused between re-checks where each command is a
        connection of its own (builds that refuse multi-command requests): see _KeptVersion."""
        rpc = session.rpc
        kept: _KeptVersion | None = session.state.get(_VERSION_KEY)
        now = time.monotonic()
        if rpc.multi_supported is not False or kept is None or now - kept.at >= VERSION_RECHECK_S:
            replies = await super().fetch(session)
            await self._modules_somewhere(session, replies)
            if rpc.multi_supported is False:  # (just found out, or due): keep this version
                session.state[_VERSION_KEY] = _KeptVersion.of(replies, now)
            return replies
        replies = dict(await rpc.multi(*(c for c in self.commands if c != "version")))
        await self._modules_somewhere(session, replies)
        if kept.contradicted(replies):
            with contextlib.suppress(MinerError):  # failed: absent, as a refused single is
                replies = {"version": await rpc.command("version"), **replies}
            session.state[_VERSION_KEY] = _KeptVersion.of(replies, now)
            return replies
        kept.elapsed = _elapsed(replies) if _elapsed(replies) is not None else kept.elapsed
        return {"version": kept.reply, **replies}

    @staticmethod
    async def _modules_somewhere(session: Session, replies: dict[str, Any]) -> None:
        if not _has_modules(replies.get("estats")):  # A7–A9 and some builds: only `stats` has it
            replies["stats"] = await session.rpc.command("stats")

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        snap.make = "Avalon"
        snap.firmware = "stock"
        version = first(replies.get("version"), "VERSION")
        summary = first(replies.get("summary"), "SUMMARY")
        snap.model = avalon_model(version.get("PROD"), version.get("MODEL"))
        fw = version.get("VERSION")
        snap.firmware_version = str(fw).strip() if fw else identity.firmware_version
        api = version.get("API")
        snap.api_version = str(api) if api is not None else None
        snap.mac = _mac(version.get("MAC"))
        snap.serial = str(version["DNA"]).strip() if version.get("DNA") else None

        mods = modules(replies.get("estats")) or modules(replies.get("stats"))
        blobs = [blob for blob, _ in mods]
        snap.hashrate_ths = rate_from(summary, RATE_NOW) or _sum_ghs(blobs, "GHSspd")
        snap.hashrate_avg_ths = average_rate(summary, RATE_AVG) or _sum_ghs(blobs, "GHSavg")
        snap.nominal_hashrate_ths = _sum_ghs(blobs, "GHSmm")
        snap.uptime_s = integer(summary.get("Elapsed")) or _int(blobs, "Elapsed")
        snap.hw_errors = integer(summary.get("Hardware Errors"))
        snap.accepted = integer(summary.get("Accepted"))
        snap.rejected = integer(summary.get("Rejected"))
        snap.stale = integer(summary.get("Stale"))
        snap.pools = parse_pools(replies.get("pools"))
        if not blobs:
            return snap

        head = blobs[0]
        snap.model = snap.model or ver_model(head.get("Ver")) or identity.model
        snap.fans_rpm = [
            int(v) for k in ("Fan1", "Fan2", "Fan3", "Fan4") if (v := number(head, k)) is not None
        ] or [int(v) for v in numbers(head, "Fan")]  # A7 era: one fan, "Fan[4110]"
        snap.temp_inlet_c = temp(number(head, "Temp")) or temp(number(head, "ITemp"))
        snap.temp_outlet_c = temp(number(head, "HBOTemp"))
        ps = numbers(head, "PS")
        wall = number(head, "WALLPOWER")
        psu_out = ps[4] if len(ps) > 4 else None
        snap.power_w = next((w for w in (wall, psu_out) if w is not None and w > 0), None)
        limit = number(head, "MPO")
        snap.power_limit_w = limit if limit is not None and limit > 0 else None
        status = str(head.get("SYSTEMSTATU") or "")
        soft_off = number(head, "SoftOFF")
        # "In Idle" also means "no work": with every pool dead it is an outage, not a design
        live = [p for p in snap.pools if p.status is not PoolStatus.DISABLED]
        pools_dead = bool(live) and all(p.status is PoolStatus.DEAD for p in live)
        snap.idle = bool(soft_off) or ("idle" in status.lower() and not pools_dead)

        for blob, hb in mods:
            snap.boards.extend(self._boards(blob, hb, len(snap.boards)))
        # Avalon Q (tests/captures/avalon/avalon-q-softoff): the hash board's own sensors at its
        # inlet and outlet side, HBITemp/HBOTemp, one pair for the single board
        hb_temps = [t for k in ("HBITemp", "HBOTemp") if (t := temp(number(head, k))) is not None]
        if hb_temps:
            if len(snap.boards) == 1 and snap.boards[0].temp_board_c is None:
                snap.boards[0].temp_board_c = max(hb_temps)
            snap.temp_board_max_c = max_or_none([max(hb_temps), snap.temp_board_max_c])
        snap.temp_chip_max_c = max_or_none(
            [temp(number(b, "TMax")) for b in blobs] + [b.temp_chip_c for b in snap.boards]
        )
        snap.error_codes = self._errors(blobs, ps)
        return snap

    @staticmethod
    def _boards(blob: Blob, hb: Blob, first_index: int) -> list[Board]:
        rates = numbers(blob, "MGHS")
        tmax, tavg = numbers(blob, "MTmax"), numbers(blob, "MTavg")
        # A7 era (capture avalon741-mmid1-oldformat) has no MGHS/MTmax: its boards are the
        # MW0..MW3 chip work lists and the PVT_T triples (coolest/hottest/average per board)
        pvt = pvt_hottest(blob.get("PVT_T"))
        worked = 0
        while f"MW{worked}" in blob:
            worked += 1
        count = max(len(rates), len(tmax), worked, len(pvt))
        boards = []
        for i in range(count):
            nested = hb.get(f"HB{i}")
            where: Blob = nested if isinstance(nested, dict) else blob
            chips: int | None = None  # a token present but empty is a board with no chips
            if f"PVT_T{i}" in where:
                chips = len([t for t in numbers(where, f"PVT_T{i}") if t > 0])
            elif f"MW{i}" in where:
                chips = len(numbers(where, f"MW{i}"))
            chip_t = tmax[i] if i < len(tmax) else (tavg[i] if i < len(tavg) else None)
            if chip_t is None and i < len(pvt):
                chip_t = pvt[i]
            if chip_t is None and count == 1:
                chip_t = number(blob, "TMax")
            boards.append(
                Board(
                    index=first_index + i,
                    hashrate_ths=hashrate_ths(rates[i], "G") if i < len(rates) else None,
                    chips=chips,
                    temp_chip_c=temp(chip_t),
                )
            )
        return boards

    @staticmethod
    def _errors(blobs: list[Blob], ps: list[float]) -> list[VendorError]:
        errors: list[VendorError] = []
        if ps and int(ps[0]):
            errors.append(VendorError(f"PS:{int(ps[0])}", "PSU status bits set"))
        base = 0
        for blob in blobs:
            echu = numbers(blob, "ECHU")
            for i, v in enumerate(echu):
                if int(v) not in ECHU_HEALTHY:
                    message = f"hash board {base + i + 1} error code"
                    errors.append(VendorError(f"ECHU:{int(v)}", message, base + i))
            for v in numbers(blob, "ECMM"):
                if int(v):
                    errors.append(VendorError(f"ECMM:{int(v)}", "controller error code"))
            boot = str(blob.get("BOOTBY") or "").strip()
            m_boot = re.match(r"(?:0x)?([0-9A-Fa-f]+)", boot)
            if m_boot:
                value = int(m_boot.group(1), 16 if boot.lower().startswith("0x") else 10)
                errors.append(VendorError(f"BOOTBY:{value}", "last restart reason"))
            base += max(len(numbers(blob, "MGHS")), len(echu))
        return errors


def _sum_ghs(blobs: list[Blob], key: str) -> float | None:
    values = [v for b in blobs if (v := number(b, key)) is not None]
    return sum(values) / 1000.0 if values else None


def _int(blobs: list[Blob], key: str) -> int | None:
    return integer(number(blobs[0], key)) if blobs else None
