"""The whole trusting sequence for the trust list and the import wizard: check the
certificate, build the offer on the runner, ask through `prompts_for(ctx).trust` (the trust
dialog, or a script in tests), store what she chose."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.trust_store import TrustOffer, TrustPlan
from htx_desktop.storage.units import UnitError
from htx_desktop.ui.confirm import interaction_for
from htx_desktop.ui.passphrase_dialog import prompts_for
from htx_desktop.ui.record_table_view import alive

log = logging.getLogger(__name__)


def trust_flow(
    owner: QWidget,
    ctx: Any,
    data: bytes,
    done: Callable[[TrustPlan], None],
) -> None:
    """Check the certificate, offer it in the dialog, and store what she chose; errors go
    to `interaction_for(ctx).error`. `done` runs on the GUI thread once it is stored."""
    from htx_desktop.exchange.trust_store import (
        check_certificate,
        offer_trust,
        trust_certificate,
    )

    title = QCoreApplication.translate("TrustDialog", "Tin cậy người ký")
    interaction = interaction_for(ctx)
    try:
        check_certificate(data)
    except ExchangeError as exc:
        interaction.error(owner, title, str(exc))
        return
    db = ctx.db

    def failed(exc: BaseException, tb: str) -> None:
        if not alive(owner):
            return
        if isinstance(exc, (ExchangeError, UnitError)):
            message = str(exc)
        else:
            log.error("Trusting a certificate failed:\n%s", tb)
            message = QCoreApplication.translate(
                "TrustDialog", "Không lưu được; chi tiết đã ghi vào nhật ký lỗi."
            )
        interaction.error(owner, title, message)

    def offer() -> TrustOffer:
        with db.session() as session:
            return offer_trust(session, data)

    def offered(trust_offer: TrustOffer) -> None:
        if not alive(owner):
            return
        if trust_offer.missing_district and offer_district(trust_offer):
            return
        choice = prompts_for(ctx).trust(owner, trust_offer)
        if choice is None:
            return

        def store() -> TrustPlan:
            with db.session() as session:
                return trust_certificate(
                    session, data, choice.unit_code, retire_old=choice.retire_old
                )

        ctx.runner.run(store, lambda plan: alive(owner) and done(plan), failed, write=True)

    def offer_district(trust_offer: TrustOffer) -> bool:
        """A district certificate whose district is not created here: offer to create it
        (then offer the certificate again); False when she prefers not to."""
        code = trust_offer.missing_district
        assert code is not None
        if not interaction.confirm(
            owner,
            title,
            QCoreApplication.translate(
                "TrustDialog",
                "Chứng thư của {0} ghi cụm/huyện mã {1}, máy này chưa có. Chỉ tin cậy được "
                "chứng thư của cụm/huyện đã tạo ở máy này, với các xã do bạn đánh dấu. Tạo "
                "cụm/huyện này bây giờ?",
            ).format(trust_offer.info.common_name, code),
        ):
            return False
        suggested = trust_offer.info.organization.removeprefix("Hội LHPN ").strip()
        answer = prompts_for(ctx).new_district(
            owner, code, suggested, trust_offer.province_communes
        )
        if answer is None:
            return True
        name, communes = answer

        def create() -> TrustOffer:
            from htx_desktop.storage.units import create_district

            with db.session() as session:
                create_district(session, name, communes, code=code)
            return offer()

        ctx.runner.run(create, offered, failed, write=True)
        return True

    ctx.runner.run(offer, offered, failed)
