"""Events and certificates for the notification tests."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import time
from pathlib import Path

from rig_monitor.core.model import Severity
from rig_monitor.core.notify.events import AlertEvent


def event(
    ip: str = "127.0.0.5",
    fault: str = "fan_failed",
    severity: Severity = Severity.CRITICAL,
    kind: str = "raised",
    **kw: object,
) -> AlertEvent:
    return AlertEvent(
        ip=ip,
        fault=fault,
        severity=severity,
        event=kind,
        title=kw.pop("title", "Fan failed"),  # type: ignore[arg-type]
        detail=kw.pop("detail", "fan 2 at 0 rpm"),  # type: ignore[arg-type]
        t=time.time(),
        **kw,  # type: ignore[arg-type]
    )


def self_signed(tmp: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server context, client context that trusts it) for 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_pem = tmp / "cert.pem"
    key_pem = tmp / "key.pem"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_pem, key_pem)
    client = ssl.create_default_context(cafile=str(cert_pem))
    return server, client
