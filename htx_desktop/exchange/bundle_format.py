"""What a bundle holds: the names of its members, their size limits and what a verified
bundle carries to the merge. Shared by the exporter (`bundle`), the verifier
(`verification`) and the batch pipeline (`pipeline`), so none of them imports the others'
work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from htx_desktop.exchange.anchors import ChainReport
from htx_desktop.exchange.keys import CertificateInfo
from htx_desktop.storage.scope import UnitScope

FORMAT = "htx-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"
SIGNER = "signer.pem"
DATA = "data.json"
WORKBOOK = "workbook.xlsx"
REPORT = "report.pdf"
#: Every member and the most it may hold uncompressed.
LIMITS: dict[str, int] = {
    MANIFEST: 1 << 20,
    SIGNATURE: 64 << 10,
    SIGNER: 16 << 10,
    DATA: 512 << 20,
    WORKBOOK: 256 << 20,
    REPORT: 128 << 20,
}
HASHED = (SIGNER, DATA, WORKBOOK, REPORT)
#: Members written without deflating: the PDF's streams are deflated already, so deflating it
#: again saved 17 % of its size and cost every receiver 0.5 ms per bundle to inflate, a
#: twentieth of a commune bundle's verification. The workbook stays deflated although it is a
#: zip itself: stored, its own end record would be the last one in a bundle cut short while
#: copying, and the bundle would read as the workbook's parts instead of as damaged. Readers
#: accept either method for any member.
STORED = frozenset({REPORT})


@dataclass
class VerifiedBundle:
    path: Path
    sha256: str
    manifest: dict[str, Any]
    signer: CertificateInfo
    #: By table (a `decoded.DecodedRecords` once verified: its tables made when first read).
    records: Mapping[str, list[dict[str, Any]]]
    origins: dict[str, str]
    trusted: bool | None = None
    #: What the signer may write, from the receiver's tables (None: checked without a db).
    scope: UnitScope | None = None
    warnings: list[str] = field(default_factory=list)
    chain: ChainReport | None = None
    #: What the receiver held under the bundle's ids when its scope was checked (by table and
    #: id): true only inside the transaction that checked it, until that transaction writes.
    held: dict[str, dict[str, dict[str, Any]]] | None = None
    #: The receiver's search keys of the records, by id, when the process that decoded them
    #: computed them too (`pipeline`); otherwise the merge computes them.
    search_keys: dict[str, str] | None = None

    @property
    def unit_code(self) -> str:
        return str(self.manifest["unit"]["code"])

    @property
    def period(self) -> str:
        return str(self.manifest["period"])
