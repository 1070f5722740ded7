"""One spelling for the letters that are written several ways, so that a word list matches
every writing of its words.

Every mapping is one character to one character: a position in the folded text is the same
position in the original, so a hit found in the folded text points at the original's words.
"""

EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Arabic: the hamza seats of alef and the ta marbuta are written both ways in names and number
# words (أحمد / احمد, خمسة / خمسه). Alef maqsura is kept: folded to ya, the preposition على
# would read as the name علي. Latin: officers type names with and without accents (Saïd / Said,
# Essaâdi / Essaadi).
_ARABIC = ("أإآٱة", "ااااه")
_LATIN = (
    "àâäáãçéèêëíìîïñóòôöõúùûüÿÀÂÄÁÃÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜŸ’",
    "aaaaaceeeeiiiinooooouuuuyAAAAACEEEEIIIINOOOOOUUUUY'",
)
FOLD = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹" + _ARABIC[0] + _LATIN[0],
    "01234567890123456789" + _ARABIC[1] + _LATIN[1],
)
# Short vowels, tanween and the tatweel: written now and then ("عاماً", "هـ"), never needed to
# read a word. Patterns allow them where they occur instead of deleting them (which would move
# every later position).
MARKS = "[\u064b-\u0652\u0640]*"


def fold(text: str) -> str:
    """`text` with digits, hamza seats, ta marbuta and accents in one writing."""
    return text.translate(FOLD)
