# Replaces the contributed hook, which collects every lxml submodule (html, objectify,
# isoschematron with its schemas). The app reaches lxml only through python-docx and openpyxl,
# and they use lxml.etree alone.
hiddenimports = ["lxml.etree"]
