"""ClassEval's sample environment: the packages its tests and references import."""

from execbench.environments import DataStep, EnvironmentSpec

# The packages ClassEval's tests and references import, as its authors pinned them in
# requirements.txt (FudanSELab/ClassEval eaeac44): each `~=X` there is `==X` here, so that a later
# release in the same series (nltk 3.9 renamed the `punkt` data its tests download) cannot change
# a verdict. Left out: what only their generation and scoring scripts use (torch, transformers,
# openai, tqdm, jsonlines, levenshtein, func_timeout). Added: python-docx, which ClassEval_34
# imports and their file omits, at its release of ClassEval's publication (0.8.11, 2021; 1.0 came
# in October 2023). On Python 3.10, the newest their pins have wheels for (they used 3.8).
_NLTK_DATA = ("wordnet", "omw-1.4", "punkt", "averaged_perceptron_tagger")
CLASSEVAL_ENVIRONMENT = EnvironmentSpec(
    name="classeval",
    python="3.10",
    requirements=(
        "gensim==4.2.0",
        "bs4==0.0.1",
        "beautifulsoup4==4.11.1",
        "PyPDF2==3.0.1",
        "reportlab==4.0.4",
        "nltk==3.7",
        "pillow==9.1.1",
        "numpy==1.22.4",
        "pandas==1.4.2",
        "scipy==1.8.1",
        "openpyxl==3.0.9",
        "setuptools==68.0.0",
        "python-docx==0.8.11",
    ),
    imports=(
        *("bs4", "docx", "gensim", "nltk", "numpy", "openpyxl", "pandas", "PIL", "PyPDF2"),
        *("reportlab", "scipy"),
    ),
    data=(
        # ClassEval_52 calls nltk.download() for these when its module loads; samples have no
        # network, so they are fetched once, here, into the environment's own nltk_data.
        DataStep(
            description="nltk data (" + ", ".join(_NLTK_DATA) + ")",
            module="nltk.downloader",
            args=("-d", "{prefix}/nltk_data", *_NLTK_DATA),
            check=(
                "nltk_data/corpora/wordnet.zip",
                "nltk_data/corpora/omw-1.4.zip",
                "nltk_data/tokenizers/punkt.zip",
                "nltk_data/taggers/averaged_perceptron_tagger.zip",
            ),
        ),
    ),
    source="FudanSELab/ClassEval requirements.txt (eaeac44)",
)
