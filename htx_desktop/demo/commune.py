"""All demo records of one commune: HTX, THT, their managers and figures, cadres, sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from htx_desktop.demo import vocabulary as voc
from htx_desktop.demo.builder import (
    GOVERNING_ROLES,
    PERIODS,
    Builder,
    Person,
    Scope,
    add_cadre,
    add_training,
    half_year,
    lower_first,
    money,
    period_end,
    province_phrase,
    search_key,
    short_name,
    weighted,
)
from htx_desktop.storage.models import (
    AdministrativeUnit,
    Cooperative,
    CooperativeGroup,
    Manager,
    PeriodFigures,
)
from htx_desktop.storage.units import COMMUNE


class CommuneFiller:
    """All records of one commune, drawn from the builder's generator in a fixed order (any
    change of order changes every row after it, so append new kinds of records at the end)."""

    def __init__(
        self, b: Builder, commune: AdministrativeUnit, province: AdministrativeUnit | None
    ) -> None:
        self.b = b
        self.rng = b.rng
        self.commune = commune
        self.code = commune.code
        self.place = short_name(commune)
        self.phrase = lower_first(commune.name)
        self.province_phrase = province_phrase(province)
        self.villages = self.rng.sample(voc.VILLAGES, 6)
        self.minority = self._minority_group()
        self.difficult = self.minority is not None
        self.scope = Scope()
        self.coop_names: list[str] = []

    def _minority_group(self) -> str | None:
        if self.commune.province_code == voc.QUANG_NGAI_PROVINCE and self.code.isdigit():
            number = int(self.code)
            for low, high, group in voc.DIFFICULT_RANGES:
                if low <= number <= high:
                    return group
            return None
        if self.rng.random() < 0.25:
            return self.rng.choice(voc.OTHER_MINORITIES)
        return None

    def _address(self, village: str) -> str:
        parts = [f"Thôn {village}", self.phrase, self.province_phrase]
        return ", ".join(p for p in parts if p)

    def _registration_code(self) -> str:
        """10 digits like a real mã số HTX (= tax code): the province's tax prefix (43 for
        Quảng Ngãi, 61 for the former Kon Tum), "00", then six digits."""
        if self.commune.province_code == voc.QUANG_NGAI_PROVINCE:
            prefix = "61" if self.code.startswith("23") else "43"
        else:
            prefix = (self.commune.province_code or "00")[:2]
        return f"{prefix}00{self.rng.randrange(10**6):06d}"

    def _kinds(self, kinds: Sequence[voc.CoopKind], count: int) -> list[voc.CoopKind]:
        unwanted = "lowland" if self.difficult else "mountain"
        usable = [k for k in kinds if k.where != unwanted]
        return self.rng.sample(usable, min(count, len(usable)))

    def _ethnicity(self) -> str | None:
        """Optional and sensitive: some people are recorded without it."""
        if self.rng.random() < 0.15:
            return None
        if self.minority is not None and self.rng.random() < 0.65:
            return self.minority
        return "Kinh"

    def _manager(self, after: date, link: dict[str, str], role: str, sex: str) -> str:
        ethnicity = self._ethnicity()
        name = self.b.person_name(sex, ethnicity)
        manager_id = self.b.add(
            Manager,
            self.code,
            after,
            cooperative_id=link.get("cooperative_id"),
            group_id=link.get("group_id"),
            role=role,
            full_name=name,
            sex=sex,
            birth_year=self.rng.randint(1960, 2000),
            ethnicity=ethnicity,
            phone=self.b.phone(0.6),
            consent=True,
        )
        self.scope.managers.append(Person(manager_id, sex, governing=role in GOVERNING_ROLES))
        return name

    def fill(self) -> Scope:
        for kind in self._kinds(voc.HTX_KINDS, self.rng.randint(3, 6)):
            self._cooperative(kind)
        for kind in self._kinds(voc.THT_KINDS, self.rng.randint(4, 8)):
            self._group(kind)
        self._cadres()
        for _ in range(self.rng.randint(4, 8)):
            self._training()
        return self.scope

    def _founding(self, old_from: int, new_chance: float) -> tuple[date, bool]:
        rng = self.rng
        if rng.random() < new_chance:
            start = date(2023, 2, 1)
            return start + timedelta(days=rng.randrange((date(2025, 11, 30) - start).days)), True
        year = rng.randint(old_from, 2022)
        return date(year, rng.randint(1, 12), rng.randint(1, 28)), False

    def _status(self, newly: bool, weights: tuple[int, int, int]) -> str:
        if newly:
            return "hoat_dong"
        keys = ("hoat_dong", "tam_ngung", "giai_the")
        return weighted(self.rng, list(zip(keys, weights, strict=True)))

    def _cooperative(self, kind: voc.CoopKind) -> None:
        rng = self.rng
        village = rng.choice(self.villages)
        established, newly = self._founding(1998, 0.18)
        supported = newly or rng.random() < 0.7
        ocop = kind.ocop is not None and rng.random() < 0.35
        status = self._status(newly, (85, 10, 5))
        name = kind.name.format(place=self.place, village=village)
        coop_id = self.b.add(
            Cooperative,
            self.code,
            established,
            name=name,
            registration_code=self._registration_code(),
            commune_code=self.code,
            address=self._address(village),
            sector=kind.sector,
            ocop_products=kind.ocop.format(place=self.place, village=village)
            if ocop and kind.ocop
            else None,
            ocop_stars=weighted(rng, ((3, 6), (4, 3), (5, 1))) if ocop else None,
            established_on=established,
            status=status,
            union_supported=supported,
            union_support_year=established.year if supported else None,
            newly_founded=newly,
            charter_capital=Decimal(rng.randrange(10, 600) * 5),
            value_chain=rng.random() < 0.4,
            ecommerce=rng.random() < (0.5 if established.year >= 2020 else 0.3),
            difficult_area=self.difficult,
            notes=voc.DEMO_NOTE,
        )
        self.coop_names.append(name)
        link = {"cooperative_id": coop_id}
        women_led = rng.random() < 0.8
        roles = ["chu_tich_hdqt", "giam_doc"]
        roles += ["thanh_vien_hdqt"] * rng.randint(1, 3) + ["thanh_vien_bks"]
        roles += ["khac"] * rng.randint(0, 1)
        for role in roles:
            if role == "khac":
                sex = "nu" if rng.random() < 0.6 else "nam"
            elif not women_led:
                sex = "nam"  # some HTX have no woman in management: the indicator must tell
            elif role == "chu_tich_hdqt":
                sex = "nu"
            else:
                sex = "nu" if rng.random() < 0.6 else "nam"
            self._manager(established, link, role, sex)
        self._figures(
            link,
            established,
            status,
            members=(rng.randint(7, 120), rng.uniform(0.45, 0.9) if women_led else 0.35),
            workers=(rng.randint(5, 60), rng.uniform(0.4, 0.9) if women_led else 0.3),
            revenue_per_worker=rng.uniform(20, 80),
        )

    def _group(self, kind: voc.CoopKind) -> None:
        rng = self.rng
        village = rng.choice(self.villages)
        contract, newly = self._founding(2012, 0.2)
        supported = newly or rng.random() < 0.75
        status = self._status(newly, (90, 7, 3))
        group_id = self.b.add(
            CooperativeGroup,
            self.code,
            contract,
            name=kind.name.format(place=self.place, village=village),
            commune_code=self.code,
            address=self._address(village),
            contract_date=contract,
            leader_name=None,  # set below, from the tổ trưởng
            sector=kind.sector,
            status=status,
            union_supported=supported,
            union_support_year=contract.year if supported else None,
            newly_founded=newly,
            difficult_area=self.difficult,
            notes=voc.DEMO_NOTE,
        )
        link = {"group_id": group_id}
        row = self.b.rows[CooperativeGroup][-1]
        row["leader_name"] = self._manager(
            contract, link, "to_truong", "nu" if rng.random() < 0.85 else "nam"
        )
        row["search_key"] = search_key(CooperativeGroup, row)
        if rng.random() < 0.6:
            self._manager(contract, link, "to_pho", "nu" if rng.random() < 0.7 else "nam")
        if rng.random() < 0.2:
            self._manager(contract, link, "khac", "nu")
        self._figures(
            link,
            contract,
            status,
            members=(rng.randint(5, 35), rng.uniform(0.6, 1.0)),
            workers=(rng.randint(3, 30), rng.uniform(0.6, 1.0)),
            revenue_per_worker=rng.uniform(8, 30),
        )

    def _figures(
        self,
        link: dict[str, str],
        founded: date,
        status: str,
        members: tuple[int, float],
        workers: tuple[int, float],
        revenue_per_worker: float,
    ) -> None:
        """Half-year figures from the first period it existed, stopping when it was suspended
        or dissolved (a suspended HTX reports nothing more)."""
        rng = self.rng
        periods = [p for p in PERIODS if p >= max(PERIODS[0], half_year(founded))]
        if status != "hoat_dong" and len(periods) > 2:
            periods = periods[: rng.randint(2, len(periods) - 1)]
        m_total, m_share = float(members[0]), members[1]
        w_total, w_share = float(workers[0]), workers[1]
        income = rng.uniform(3.5, 6.5)
        minority_share = rng.uniform(0.5, 1.0) if self.difficult else 0.0
        for period in periods:
            m = max(2, round(m_total))
            w = max(1, round(w_total))
            m_female = min(m, round(m * m_share))
            w_female = min(w, round(w * w_share))
            if self.difficult:
                minority = round(w_female * minority_share)
            else:
                minority = min(w_female, weighted(rng, ((0, 8), (1, 2))))
            self.b.add(
                PeriodFigures,
                self.code,
                period_end(period),
                **link,
                period=period,
                members_total=m,
                members_female=m_female,
                workers_total=w,
                workers_female=w_female,
                workers_ethnic_minority=minority,
                workers_poor=round(w_female * rng.uniform(0.05, 0.35)),
                workers_disabled=min(w_female, weighted(rng, ((0, 7), (1, 2), (2, 1)))),
                revenue=money(w * revenue_per_worker * rng.uniform(0.8, 1.25)),
                avg_monthly_income=money(income),
            )
            m_total *= 1 + rng.uniform(-0.02, 0.08)
            w_total *= 1 + rng.uniform(-0.03, 0.09)
            m_share = min(1.0, max(0.0, m_share + rng.uniform(-0.02, 0.03)))
            w_share = min(1.0, max(0.0, w_share + rng.uniform(-0.02, 0.03)))
            income *= 1 + rng.uniform(0.0, 0.05)

    def _cadres(self) -> None:
        rng = self.rng
        count = rng.randint(5, 10)
        positions = list(voc.COMMUNE_POSITIONS[: min(count, len(voc.COMMUNE_POSITIONS))])
        for village in rng.sample(self.villages, count - len(positions)):
            positions.append(f"Chi hội trưởng Chi hội Phụ nữ thôn {village}")
        for position in positions:
            leading = position in ("Chủ tịch", "Phó Chủ tịch")
            works = position == "Chủ tịch" or rng.random() < (0.7 if leading else 0.35)
            self.scope.cadres.append(
                add_cadre(
                    self.b, self.code, self._ethnicity(), f"Hội LHPN {self.phrase}", COMMUNE,
                    position, works,
                )
            )

    def _training(self) -> None:
        rng = self.rng
        places = [
            f"Hội trường UBND {self.phrase}",
            f"Nhà văn hóa thôn {rng.choice(self.villages)}",
        ]
        if self.coop_names:
            places.append(f"Trụ sở {rng.choice(self.coop_names)}")
        organisers = [f"Hội LHPN {self.phrase}"]
        if self.province_phrase:
            organisers += [
                f"Hội LHPN {self.province_phrase}",
                f"Liên minh Hợp tác xã {self.province_phrase}",
            ]
        add_training(
            self.b, self.code, self.scope, rng.choice(places), rng.choice(organisers),
            self.difficult,
        )
