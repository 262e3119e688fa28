#!/usr/bin/python3
"""Opens a workbook in LibreOffice, changes one cell as a user would, and saves it as .xlsx over
itself: the "edited and saved in a spreadsheet program" case of tests/spreadsheet_save.rs.

    /usr/bin/python3 edit_cell.py PROFILE_DIR FILE SHEET CELL text:VALUE|number:VALUE

Runs with Debian's python3 (python3-uno); starts its own headless LibreOffice on a private pipe
and profile, so it neither needs nor disturbs a running one.
"""
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    profile, path, sheet, cell, value = sys.argv[1:6]
    kind, _, value = value.partition(":")
    pipe = "sifa_" + uuid.uuid4().hex
    office = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(1200):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if office.poll() is not None:
                    sys.exit(f"soffice exited with {office.returncode} before it answered")
                time.sleep(0.1)
        if ctx is None:
            sys.exit("LibreOffice did not answer within 120 s")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            sys.exit(f"LibreOffice could not open {path}")
        target = doc.Sheets.getByName(sheet).getCellRangeByName(cell)
        if kind == "number":
            target.setValue(float(value))
        else:
            target.setString(value)
        doc.storeToURL(url, (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office: that is the goodbye
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
