#!/usr/bin/env python3
"""Write the starting corpora fuzz/seeds/{read,model,pipeline}/ (small,
deterministic). Each read/model seed starts with the harness's option byte
(see ../harness.rs)."""
import io, os, random, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def put(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def xlsx(rows):
    """A minimal stored (uncompressed) workbook: mutations stay readable."""
    def cell(r, c, v):
        ref = chr(65 + c) + str(r + 1)
        if v is None:
            return ""
        if isinstance(v, str):
            return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
        return f'<c r="{ref}"><v>{v}</v></c>'
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(f'<row r="{r + 1}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>" for r, row in enumerate(rows))
             + "</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, body in parts.items():
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), body)
    return buf.getvalue()


# read: option byte + file
csvs = {
    "comma": (0, "a,b,c\n1,2,3\n4,5,6\n7,8,9\n"),
    "semicolon_decimal_comma": (0, "x;y\n1,5;2\n-0,25;NA\n3;4\n"),
    "tab_quoted": (6, 'name\t"q 1"\tz\n1\t"2"\t3\n\t.\t4\n'),
    "crlf_bom_missing": (0x20, "\ufeffa,b\r\n-99,1\r\n2,\r\n\r\n3,N/A\r\n"),
    "trailing_delimiter": (0, "a,b,\n1,2,\n3,4,\n"),
    "ragged": (0, "a,b\n1,2,3\n"),
    "codes": (0x60, "p,q\n9, x \n-99.0,1\n2,3\n"),
}
for name, (flag, text) in csvs.items():
    put("read", name + ".csv", bytes([flag]) + text.encode())
put("read", "utf16le.csv", bytes([0]) + b"\xff\xfe" + "a,b\n1,2\n3,4\n".encode("utf-16-le"))
put("read", "cp1252.csv", bytes([0]) + "Qualit\xe4t,b\n1,2\n".encode("latin-1"))
put("read", "sheet.xlsx", bytes([0]) + xlsx([["x1", "x2", "x3"], [1, "2.5", -99], [None, "NA", 3.25], [4, " ", 7]]))
put("read", "named_sheet.xlsx", bytes([0x80]) + xlsx([[None, "a", "b"], [None, 1, 2], [None, 3, "x"]]))

# model: option byte + text
models = {
    "readme": "CRM =~ CRM1 + CRM2 + CRM3   # Mode A\nSC  =~ SC1..SC6\nVAL <~ PERV1 + PERV2\nBP  ~ CRM + SC + CRM:SC\n",
    "quoted": "`My C` =~ c1 + `odd name` + 2nd\nVAL <~ v1 + v2\nB =~ b1..b3\nB ~ `My C` + VAL + VAL:`My C`\nVAL ~ `My C`\n",
    "semicolons": "`x y` =~ \"p q\"; Y =~ y1; Y ~ `x y`",
    "padded_range": "Q =~ Q08..Q11 + X_1..X_3\nY =~ y\nY ~ Q\n",
    "dots": "A =~ crm.1 + crm.2\nY =~ y1\nZ =~ z1\nY ~ A + A.Z\nZ ~ A\n",
    "cycle": "A =~ a\nB =~ b\nA ~ B\nB ~ A\n",
    "json": '{"constructs":[{"name":"A","indicators":["a1","a2"]},{"name":"B","mode":"B","indicators":["b1","b2"]},'
            '{"name":"Y","indicators":["y"]}],"paths":[{"from":"A","to":"Y"},{"from":"B","to":"Y"}],'
            '"interactions":[{"iv":"A","moderator":"B","dv":"Y"}]}',
}
for name, text in models.items():
    put("model", name + ".txt", bytes([0]) + text.encode())
put("model", "readme_missing_column.txt", bytes([3]) + models["readme"].encode())

# pipeline: random bytes (the harness gives every byte string a meaning)
rng = random.Random(20240611)
for i in range(8):
    put("pipeline", f"random{i}.bin", bytes(rng.randrange(256) for _ in range(64 + 48 * i)))
