#!/usr/bin/env python3
"""Writes the fixture files of the bad-input catalogue (tests/catalogue/files).

Deterministic: rerunning it rewrites the same bytes. The 200 MB file and the
5,000-column file are not here; tests/catalogue.rs builds them in memory.
"""
import io
import os
import random
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
os.makedirs(HERE, exist_ok=True)


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def likert(v):
    return max(1, min(7, int(round(v))))


def survey(n, seed, items=3):
    """X, M, Y with `items` Likert items each; Y depends on X, M and X*M."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        x, m = rng.gauss(0, 1), rng.gauss(0, 1)
        y = 0.5 * x + 0.3 * m + 0.2 * x * m + rng.gauss(0, 0.7)
        row = []
        for lat in (x, m, y):
            row += [likert(4 + 1.2 * lat + rng.gauss(0, 0.6)) for _ in range(items)]
        rows.append(row)
    header = [f"{c}{k}" for c in "xmy" for k in range(1, items + 1)]
    return header, rows


def csv(header, rows, sep=",", eol="\n"):
    lines = [sep.join(header)] + [sep.join(str(v) for v in r) for r in rows]
    return eol.join(lines) + eol


H, R = survey(80, 1)
BASE = csv(H, R)
write("base.csv", BASE)

# ---------------------------------------------------------------- files
write("empty.csv", b"")
write("blank_lines.csv", "\n  \n\t\n")
write("header_only.csv", ",".join(H) + "\n")
write("one_row.csv", csv(H, R[:1]))
lines = BASE.splitlines()
write("ragged_short.csv", "\n".join(lines[:4] + [",".join(lines[4].split(",")[:7])] + lines[5:]) + "\n")
write("ragged_long.csv", "\n".join(lines[:6] + [lines[6] + ",5,6"] + lines[7:]) + "\n")
dup = H[:]
dup[4] = "x2"
write("duplicate_column.csv", csv(dup, R))
emp = H[:]
emp[2] = ""
write("empty_column_name.csv", csv(emp, R))
write("trailing_delimiter.csv", "\n".join(l + "," for l in lines) + "\n")


def with_cell(text, row, col, value):
    """Spreadsheet row (header = 1), 0-based column."""
    ls = text.splitlines()
    cells = ls[row - 1].split(",")
    cells[col] = value
    ls[row - 1] = ",".join(cells)
    return "\n".join(ls) + "\n"


write("cell_na.csv", with_cell(with_cell(BASE, 5, 1, "n/a"), 9, 7, "NA"))
write("cell_em_dash.csv", with_cell(BASE, 12, 3, "—"))
write("cell_double_dot.csv", with_cell(BASE, 7, 8, "3..5"))
write("cell_inf.csv", with_cell(BASE, 20, 0, "Inf"))
write("cell_nan_text.csv", with_cell(BASE, 3, 4, "NaN"))
write("thousands_separator.csv", with_cell(BASE, 10, 2, '"1,234.5"'))
semi = csv(H, R, sep=";").splitlines()
cells = semi[3].split(";")
cells[5] = "1.234,5"
semi[3] = ";".join(cells)
write("thousands_separator_semicolon.csv", "\n".join(semi) + "\n")
write("decimal_comma_quoted.csv", with_cell(BASE, 6, 0, '"3,5"'))
# Every number written with a decimal comma, ',' as the delimiter, no quotes.
dc = [",".join(H)] + [",".join(f"{v},5" for v in r) for r in R]
write("decimal_comma_unquoted.csv", "\n".join(dc) + "\n")
write("decimal_comma_semicolon.csv", csv(H, [[f"{v},5" for v in r] for r in R], sep=";"))

# Encodings
latin_h = ["Qualität1", "Qualität2", "Qualität3"] + H[3:]
latin = csv(latin_h, R, sep=";")
write("latin1.csv", latin.encode("latin-1"))
write("utf16le_bom.csv", b"\xff\xfe" + csv(H, R, eol="\r\n").encode("utf-16-le"))
write("utf16be_nobom.csv", csv(H, R).encode("utf-16-be"))
write("utf8_bom_crlf.csv", b"\xef\xbb\xbf" + csv(H, R, eol="\r\n").encode())
write("crlf_bad_cell.csv", with_cell(BASE, 15, 6, "seven").replace("\n", "\r\n"))
write("mac_cr_only.csv", BASE.replace("\n", "\r"))
write("mac_cr_bad_cell.csv", with_cell(BASE, 15, 6, "seven").replace("\n", "\r"))

# Binary files renamed .csv
rng = random.Random(7)
png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00" + bytes(
    rng.randrange(256) for _ in range(600))
write("image_png_renamed.csv", png)
fonts = b"".join(b"%d 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Name /F%d >>\nendobj\n" % (k, k)
                for k in range(10, 30))
pdf = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" + fonts
       + b"3 0 obj\n<< /Length 400 /Filter /FlateDecode >>\nstream\n" + bytes(
           rng.randrange(256) for _ in range(400)) + b"\nendstream\nendobj\n%%EOF\n")
write("document_pdf_renamed.csv", pdf)
write("old_excel_renamed.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("readme.txt", "not a workbook")
write("plain_zip_renamed.csv", buf.getvalue())


# XLSX whose header row has merged cells (a group title over its items).
def xlsx(rows, merges):
    def cell(r, c, v):
        ref = f"{chr(65 + c)}{r}"
        if v is None:
            return ""
        if isinstance(v, str):
            return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
        return f'<c r="{ref}"><v>{v}</v></c>'
    body = "".join(
        f'<row r="{i + 1}">' + "".join(cell(i + 1, j, v) for j, v in enumerate(r)) + "</row>"
        for i, r in enumerate(rows))
    mc = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{body}</sheetData>'
             + (f'<mergeCells count="{len(merges)}">{mc}</mergeCells>' if merges else "") + '</worksheet>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Survey" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, text)
    return out.getvalue()


groups = ["X", None, None, "M", None, None, "Y", None, None]
write("merged_header.xlsx", xlsx([groups, H] + R[:30], ["A1:C1", "D1:F1", "G1:I1"]))
write("plain.xlsx", xlsx([H] + R[:30], []))

# ---------------------------------------------------------------- data
def tweak(header, rows, fn, name):
    rows = [r[:] for r in rows]
    for i, r in enumerate(rows):
        fn(i, r)
    write(name, csv(header, rows))


tweak(H, R, lambda i, r: r.__setitem__(1, 4), "constant_column.csv")
tweak(H, R, lambda i, r: r.__setitem__(4, "NA"), "all_missing_column.csv")
tweak(H, R, lambda i, r: r.__setitem__(7, "NA" if i % 3 == 0 else r[7]), "casewise_many_missing.csv")
tweak(H, R, lambda i, r: r.__setitem__(5, -99 if i % 9 == 0 else r[5]), "missing_code_99.csv")
tweak(H, R, lambda i, r: r.__setitem__(2, r[0] + r[1]), "collinear_items.csv")
tweak(H, R, lambda i, r: r.__setitem__(2, 8 - r[2]), "reverse_coded_item.csv")
# More items than respondents: 10 rows, 12 items per construct.
H12, R12 = survey(10, 3, items=12)
write("wide_short.csv", csv(H12, R12))
# Casewise deletion leaves nothing, though no column is empty.
tweak(H, R, lambda i, r: r.__setitem__(i % 9, "NA"), "casewise_nothing_left.csv")
# n = 10, few distinct values: bootstrap resamples often hold a constant item.
rng = random.Random(11)
small = []
for _ in range(10):
    x = rng.choice([0, 1])
    m = rng.choice([0, 1])
    y = 1 if x + m + rng.random() > 1.5 else 0
    small.append([x + 1 if rng.random() < 0.85 else 2 - x, x + 1, m + 1, m + 1 if rng.random() < 0.85 else 2 - m,
                  y + 1, y + 1 if rng.random() < 0.9 else 2 - y])
write("n10_binary.csv", csv(["x1", "x2", "m1", "m2", "y1", "y2"], small))
# Two constructs with the same items under different names.
write("duplicate_construct_items.csv",
      csv(H + ["z1", "z2", "z3"], [r + r[0:3] for r in R]))
# n = 10 where x1 differs in one row only: every leave-one-out fit without
# that row, and a third of the resamples, have a constant x1.
rare = [r[:] for r in small]
for i, r in enumerate(rare):
    r[0] = 2 if i == 4 else 1
write("n10_rare_value.csv", csv(["x1", "x2", "m1", "m2", "y1", "y2"], rare))
