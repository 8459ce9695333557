"""The three foundations a comprehensive system can be built on (包括化の基盤, 第2章 3.).

Examples:
    >>> Foundation.HARDSHIP_SUPPORT.label
    '生活困窮者自立支援制度'
    >>> [e for e in Foundation.COMMUNITY_WELFARE.examples]
    ['江戸川区', '大牟田市', '盛岡市']
"""

from __future__ import annotations

from hokatsu._enums import Labelled

__all__ = ["Foundation", "WelfareStyle"]


class Foundation(Labelled):
    """The existing system comprehensive support is built upon (第2章 3.).

    A real system may mix them; checklist item 4 still asks for one.

    Examples:
        >>> [f.label for f in Foundation]
        ['地域包括ケアシステム', '地域福祉', '生活困窮者自立支援制度']
    """

    COMMUNITY_CARE = ("community_care", "地域包括ケアシステム")
    COMMUNITY_WELFARE = ("community_welfare", "地域福祉")
    HARDSHIP_SUPPORT = ("hardship_support", "生活困窮者自立支援制度")

    @property
    def examples(self) -> tuple[str, ...]:
        """The report's example municipalities for this foundation (第2章 3.).

        Examples:
            >>> Foundation.COMMUNITY_CARE.examples
            ('伊賀市', '栃木市', '名張市')
        """
        return _EXAMPLES[self]


_EXAMPLES = {
    Foundation.COMMUNITY_CARE: ("伊賀市", "栃木市", "名張市"),
    Foundation.COMMUNITY_WELFARE: ("江戸川区", "大牟田市", "盛岡市"),
    Foundation.HARDSHIP_SUPPORT: ("氷見市", "釧路市"),
}


class WelfareStyle(Labelled):
    """How a community-welfare foundation is organised (第2章 3.(2)).

    Examples:
        >>> WelfareStyle.BASE.label, Foundation.COMMUNITY_WELFARE.examples[0]
        ('拠点型', '江戸川区')
    """

    BASE = ("base", "拠点型")
    PEOPLE = ("people", "人員組織型")
