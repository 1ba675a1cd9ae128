"""English reporting cues and titles: data only, read by extract/english.py."""

REPORTING_VERBS = (
    "said says say told tells added adds stressed stresses warned warns explained explains "
    "noted notes argued argues insisted insists claimed claims announced announces "
    "confirmed confirms denied denies wrote writes asked asks replied replies"
)
SOURCE_PHRASES = ("according to",)
COMPLEMENTISER = "that"
TITLES = "Mr Mrs Ms Dr Prof President Minister Sir Colonel General Senator Governor Judge Sheikh King Prince Mayor Chairman Ambassador"
PRONOUNS = {"he": "m", "she": "f", "they": "pl"}
