"""The 11 target areas (subdistricts) of Samut Prakan that the demo province holds."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True, slots=True)
class Place:
    """A subdistrict: account code, Thai name, member code prefix, folder and local government."""

    code: str
    name_th: str
    prefix: str
    local_gov_th: str

    @property
    def slug(self) -> str:
        """The folder name of the area book: `BangMueang` -> `bang-mueang`."""
        letters = [f"-{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(self.code)]
        return "".join(letters)


AREAS: tuple[Place, ...] = (
    Place("BangMueang", "ตำบลบางเมือง", "BM", "เทศบาลตำบลบางเมือง"),
    Place("ThaiBan", "ตำบลท้ายบ้าน", "TB", "เทศบาลตำบลท้ายบ้าน"),
    Place("BangPu", "ตำบลบางปู", "BP", "เทศบาลตำบลบางปู"),
    Place("Phraeksa", "ตำบลแพรกษา", "PS", "เทศบาลตำบลแพรกษา"),
    Place("BangPhliYai", "ตำบลบางพลีใหญ่", "BY", "องค์การบริหารส่วนตำบลบางพลีใหญ่"),
    Place("RachaThewa", "ตำบลราชาเทวะ", "RT", "องค์การบริหารส่วนตำบลราชาเทวะ"),
    Place("BangBo", "ตำบลบางบ่อ", "BB", "เทศบาลตำบลบางบ่อ"),
    Place("KhlongDan", "ตำบลคลองด่าน", "KD", "เทศบาลตำบลคลองด่าน"),
    Place("BangKrachao", "ตำบลบางกะเจ้า", "BK", "องค์การบริหารส่วนตำบลบางกะเจ้า"),
    Place("NaiKhlongBangPlaKot", "ตำบลในคลองบางปลากด", "NK", "องค์การบริหารส่วนตำบลในคลองบางปลากด"),
    Place("SisaChorakheYai", "ตำบลศีรษะจรเข้ใหญ่", "SC", "องค์การบริหารส่วนตำบลศีรษะจรเข้ใหญ่"),
)
