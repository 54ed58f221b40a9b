"""What a new signing passphrase must be: long enough, and not one everybody tries first.

The key file can be copied off a laptop and attacked at leisure; the KDF makes every guess
cost, but a passphrase from the top of a password list falls in the first few guesses
whatever the cost. The list below holds the ones people most often choose, Vietnamese ones
included (Vietnamese leaked-password lists are led by digit runs, "matkhau", "anhyeuem" and
names of the organisation itself). It is compared accent-, case-, space- and
punctuation-insensitively: "Mật khẩu 123" is "matkhau123".
"""

from __future__ import annotations

import re

from htx_desktop.text import fold

MIN_PASSPHRASE = 10

COMMON_PASSPHRASES = frozenset(
    {
        # digits and keyboard runs
        "12345678", "123456789", "1234567890", "0123456789", "12345678910", "987654321",
        "9876543210", "11111111", "1111111111", "00000000", "0000000000", "88888888",
        "66666666", "68686868", "12341234", "11223344", "147258369", "123123123",
        "qwertyuiop", "qwertyuiop123", "asdfghjkl", "zxcvbnm123", "1qaz2wsx3edc",
        "qwerty123", "qwerty1234", "abc123456", "abcd1234", "a123456789", "aaaaaaaaaa",
        "abcdefghij", "1q2w3e4r5t",
        # English
        "password", "password1", "password123", "passw0rd", "iloveyou", "iloveyou123",
        "letmein123", "welcome123", "admin12345", "administrator", "sunshine123",
        "princess123", "football123", "baseball123", "trustno1", "changeme123",
        # Vietnamese
        "matkhau", "matkhau123", "matkhau1234", "matkhau12345", "matkhaumoi", "matkhaucuatoi",
        "matkhaukhoaky", "anhyeuem", "anhyeuem123", "emyeuanh", "emyeuanh123", "yeuem123",
        "yeuanh123", "toiyeuban", "vietnam123", "vietnam2026", "vietnamvodich", "hanoi123",
        "saigon123", "conyeume", "meyeucon", "giadinh123", "hanhphuc123", "hoilienhiep",
        "hoilienhiepphunu", "hoiphunu", "hoiphunu123", "phunu", "phunu123", "phunuvietnam",
        "lienhiepphunu", "hoplienhiep", "hoptacxa", "hoptacxa123", "htxdesktop", "htx123456",
        "canbohoi", "quangngai", "quangngai123", "chutich123", "tamsotam", "khongbiet",
        "khongcomatkhau", "xinchao123", "nguyenthi", "nguyenvan", "nguyenthihoa",
    }
)


def _key(passphrase: str) -> str:
    """Accents, case, spaces and punctuation folded away."""
    return re.sub(r"[^0-9a-z]", "", fold(passphrase).replace(" ", ""))


def passphrase_problem(passphrase: str) -> str:
    """Why a new passphrase cannot be used, in Vietnamese; "" when it can."""
    if len(passphrase) < MIN_PASSPHRASE:
        return (
            f"Mật khẩu bảo vệ khóa ký phải có ít nhất {MIN_PASSPHRASE} ký tự. Hãy chọn một cụm "
            "từ dễ nhớ nhưng khó đoán, ví dụ vài từ không liền nghĩa ghép lại."
        )
    key = _key(passphrase)
    if key in COMMON_PASSPHRASES or len(set(key)) <= 2:
        return (
            "Mật khẩu này quá phổ biến, người khác đoán được ngay (nó nằm trong danh sách mật "
            "khẩu hay dùng nhất). Hãy chọn một cụm từ của riêng bạn, ví dụ vài từ không liền "
            "nghĩa ghép lại."
        )
    return ""
