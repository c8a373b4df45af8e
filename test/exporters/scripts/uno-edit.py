"""Edits an omni workbook in LibreOffice through UNO, as a person would in Calc, and saves it as .xlsx.

Usage: uno-edit.py IN.xlsx OUT.xlsx PROFILE_DIR

Starts its own headless soffice (own user profile, a named pipe), opens the workbook,
changes a score, renames a scenario, inserts a step row under a scenario (Calc moves the
merged ranges below it, as it does for a person), types a new touchpoint in an empty
matrix cell, inserts a channel row in the matrix, stores with the "Calc MS Excel 2007 XML" filter, and always stops soffice.
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

SOFFICE = next(p for p in ('/usr/lib/libreoffice/program/soffice', '/usr/bin/soffice') if os.path.exists(p))


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def last_row(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndRow


def row_of(sheet, key_column, key):
    for r in range(last_row(sheet) + 1):
        if sheet.getCellByPosition(key_column, r).getString() == key:
            return r
    raise SystemExit('no row with key ' + key)


def main():
    source, target, profile = sys.argv[1:4]
    pipe = 'omni_uno_%d' % os.getpid()
    office = subprocess.Popen(
        [SOFFICE, '-env:UserInstallation=' + url(profile), '--headless', '--invisible', '--norestore', '--nologo', '--nodefault',
         '--accept=pipe,name=%s;urp;StarOffice.ComponentContext' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        deadline = time.time() + 25
        while True:
            try:
                context = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                break
            except Exception:
                if time.time() > deadline or office.poll() is not None:
                    raise SystemExit('soffice did not accept a UNO connection within 25 s')
                time.sleep(0.2)
        desktop = context.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', context)
        doc = desktop.loadComponentFromURL(url(source), '_blank', 0, (prop('Hidden', True),))
        sheets = doc.Sheets
        # A score: business of "relance-panier" (column E; the hidden key is column K).
        use_cases = sheets.getByName("Cas d'usage")
        use_cases.getCellByPosition(4, row_of(use_cases, 10, 'relance-panier')).setValue(2)
        # A name: the scenario "alerte-stock" (column B of its first row; key in column O).
        spec = sheets.getByName('Spécification des scénarios')
        spec.getCellByPosition(1, row_of(spec, 15, 'alerte-stock#0')).setString('Alerte stock')
        # A row: a new step under the scenario's last one (delay, channel, subject, message).
        at = row_of(spec, 15, 'alerte-stock#1') + 1
        spec.Rows.insertByIndex(at, 1)
        for column, text in ((9, 'J+3'), (10, 'Email'), (12, 'Toujours là'), (13, 'Dernier rappel')):
            spec.getCellByPosition(column, at).setString(text)
        # A new touchpoint typed in an empty matrix cell: Site web × Je suis livré (F5).
        matrix = sheets.getByName('Parcours client')
        matrix.getCellByPosition(5, 4).setString('Suivi de commande en ligne')
        # A new channel row between two channels (Calc moves the merged channel cells below).
        matrix.Rows.insertByIndex(6, 1)
        matrix.getCellByPosition(0, 6).setString('Borne en magasin')
        matrix.getCellByPosition(4, 6).setString('Paiement sur borne')
        doc.storeToURL(url(target), (prop('FilterName', 'Calc MS Excel 2007 XML'), prop('Overwrite', True)))
        doc.close(True)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass
        try:
            office.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, 9)
            office.wait(5)


if __name__ == '__main__':
    main()
