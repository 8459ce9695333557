"""Fields (分野), consultation categories and the tags of compound cases.

The report works with the four fields of the siloed consultation systems — elderly care,
disability, children and child-rearing, livelihood hardship — plus "other", and its case studies
add health, employment, housing, family relations, rights advocacy and social isolation
(第2章, 第3章). 江戸川区 classifies consultations at its なごみの家 by main content
(第3章 2.(2), five categories); the hardship-support intake form has sixteen boxes; and compound
cases carry well-known tags such as 8050 or ダブルケア (used in practice since the report).

Examples:
    >>> Field.ELDERLY.label, Field("disability")
    ('高齢', <Field.DISABILITY: 'disability'>)
    >>> CompoundTag.EIGHTY_FIFTY.label
    '8050'
    >>> len(IntakeCategory)
    16
"""

from __future__ import annotations

from hokatsu._enums import Labelled

__all__ = ["CompoundTag", "ConsultationContent", "Field", "IntakeCategory"]


class Field(Labelled):
    """A field (分野) of support (第2章, 第3章).

    The first five are the report's fields; the rest come from its case studies.

    Examples:
        >>> Field.HARDSHIP.label, Field("elderly")
        ('生活困窮', <Field.ELDERLY: 'elderly'>)
    """

    ELDERLY = ("elderly", "高齢")
    DISABILITY = ("disability", "障害")
    CHILDREN = ("children", "子ども・子育て")
    HARDSHIP = ("hardship", "生活困窮")
    OTHER = ("other", "その他")
    HEALTH = ("health", "健康・医療")
    EMPLOYMENT = ("employment", "就労")
    HOUSING = ("housing", "住まい")
    FAMILY = ("family", "家族関係")
    RIGHTS = ("rights", "権利擁護")
    ISOLATION = ("isolation", "社会的孤立")


class ConsultationContent(Labelled):
    """Main content of a consultation, as 江戸川区's なごみの家 count them (第3章 2.(2)).

    Examples:
        >>> [c.label for c in ConsultationContent]
        ['生活', '介護', '健康', '子育て', 'その他']
    """

    LIVING = ("living", "生活")
    CARE = ("care", "介護")
    HEALTH = ("health", "健康")
    CHILD_REARING = ("child_rearing", "子育て")
    OTHER = ("other", "その他")


class IntakeCategory(Labelled):
    """The sixteen boxes of the hardship-support intake form (相談受付・申込票).

    The form belongs to the 生活困窮者自立支援制度; its boxes describe what a consultation is
    about, ◎ marking the most pressing.

    Examples:
        >>> len(IntakeCategory)
        16
    """

    ILLNESS_HEALTH_DISABILITY = ("illness_health_disability", "病気や健康・障害")
    HOUSING = ("housing", "住まい")
    INCOME = ("income", "収入・生活費")
    RENT_LOAN = ("rent_loan", "家賃やローンの支払い")
    TAX_UTILITIES = ("tax_utilities", "税金や公共料金等の支払い")
    DEBT = ("debt", "債務")
    JOB_SEARCH = ("job_search", "仕事探し・就職")
    WORKPLACE = ("workplace", "仕事上の不安やトラブル")
    COMMUNITY_RELATIONS = ("community_relations", "地域との関係")
    FAMILY_RELATIONS = ("family_relations", "家族との関係")
    CHILD_REARING = ("child_rearing", "子育て")
    CARE = ("care", "介護")
    WITHDRAWAL_TRUANCY = ("withdrawal_truancy", "ひきこもり・不登校")
    DV_ABUSE = ("dv_abuse", "DV・虐待")
    NO_FOOD = ("no_food", "食べるものがない")
    OTHER = ("other", "その他")


class CompoundTag(Labelled):
    """Common tags of compound cases, as used in practice (8050 is named in the report's 第1章).

    Examples:
        >>> CompoundTag("8050")
        <CompoundTag.EIGHTY_FIFTY: '8050'>
    """

    EIGHTY_FIFTY = ("8050", "8050")
    DOUBLE_CARE = ("double_care", "ダブルケア")
    YOUNG_CARER = ("young_carer", "ヤングケアラー")
    HIKIKOMORI = ("hikikomori", "ひきこもり")
    SELF_NEGLECT = ("self_neglect", "セルフネグレクト")
    SOCIAL_ISOLATION = ("social_isolation", "社会的孤立")
    MULTIPLE_DEBT = ("multiple_debt", "多重債務")
    DV = ("dv", "DV")
    ABUSE = ("abuse", "虐待")
    SUSPECTED_DISABILITY = ("suspected_disability", "障害の疑い")
