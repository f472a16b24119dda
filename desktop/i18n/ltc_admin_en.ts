<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AddonBox</name>
    <message>
        <location filename="../ui/admin/addons_page.py" line="23" />
        <source>Neue Aktivierungen erlauben</source>
        <translation>Allow new activations</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="24" />
        <source>Kostenpflichtig</source>
        <translation>Requires payment</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="25" />
        <source>Nur für Admins</source>
        <translation>Admins only</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="28" />
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="41" />
        <source>Gespeichert.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="43" />
        <source>Noch nicht eingestellt: neue Aktivierungen gesperrt.</source>
        <translation>Not configured yet: new activations blocked.</translation>
    </message>
</context>
<context>
    <name>AddonsPage</name>
    <message>
        <location filename="../ui/admin/addons_page.py" line="52" />
        <source>Add-ons</source>
        <translation>Add-ons</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="57" />
        <source>Fahrzeuge, die ein Add-on schon einmal aktiviert hatten, behalten es (Bestandsschutz). Die Schalter gelten für neue Aktivierungen.</source>
        <translation>Vehicles that had an add-on activated before keep it (grandfathering). The switches apply to new activations.</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="68" />
        <source>Unfall-Ordner</source>
        <translation>Accident folder</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="68" />
        <source>Nachweise zu Unfällen und Reparaturen.</source>
        <translation>Evidence of accidents and repairs.</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="69" />
        <source>Oldtimer-Ordner</source>
        <translation>Classic car folder</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="69" />
        <source>Gutachten, Historie und Originalteile.</source>
        <translation>Appraisals, history and original parts.</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="70" />
        <source>Restaurierungs-Ordner</source>
        <translation>Restoration folder</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="70" />
        <source>Restaurierungsschritte mit Belegen.</source>
        <translation>Restoration steps with receipts.</translation>
    </message>
    <message>
        <location filename="../ui/admin/addons_page.py" line="79" />
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>AdminEntryDialog</name>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="76" />
        <location filename="../ui/admin/entry_dialog.py" line="107" />
        <source>Admin-Modus</source>
        <translation>Admin mode</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="93" />
        <location filename="../ui/admin/entry_dialog.py" line="214" />
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="94" />
        <location filename="../ui/admin/entry_dialog.py" line="213" />
        <source>Weiter</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="107" />
        <source>Die Berechtigung wird beim Server geprüft …</source>
        <translation>Checking your permission with the server …</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="113" />
        <source>Zwei-Faktor-Anmeldung einrichten</source>
        <translation>Set up two-factor sign-in</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="115" />
        <source>Der Admin-Modus braucht einen zweiten Faktor. Scannen Sie den QR-Code mit einer Authenticator-App (z. B. FreeOTP, Aegis oder Google Authenticator) und geben Sie den angezeigten Code ein.</source>
        <translation>Admin mode needs a second factor. Scan the QR code with an authenticator app (e.g. FreeOTP, Aegis or Google Authenticator) and enter the code it shows.</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="125" />
        <source>Oder diesen Schlüssel von Hand eingeben:</source>
        <translation>Or type this key by hand:</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="135" />
        <source>Code aus der App:</source>
        <translation>Code from the app:</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="148" />
        <source>Backup-Codes</source>
        <translation>Backup codes</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="150" />
        <source>Mit jedem dieser Codes können Sie sich einmal anmelden, falls das Telefon fehlt. Sie werden nur jetzt angezeigt und nirgends gespeichert: bitte sicher notieren.</source>
        <translation>Each of these codes signs you in once if your phone is missing. They are shown only now and stored nowhere: please write them down safely.</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="163" />
        <source>Ich habe die Backup-Codes sicher notiert.</source>
        <translation>I have written down the backup codes safely.</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="171" />
        <source>Mit zweitem Faktor anmelden</source>
        <translation>Sign in with the second factor</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="172" />
        <source>Für den Admin-Modus melden Sie sich bitte erneut mit Passwort und Authenticator-Code an.</source>
        <translation>For admin mode, please sign in again with your password and authenticator code.</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="179" />
        <source>6-stelliger Code oder Backup-Code</source>
        <translation>6-digit code or backup code</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="180" />
        <source>E-Mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="181" />
        <source>Passwort:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="182" />
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="188" />
        <source>Admin-Modus nicht verfügbar</source>
        <translation>Admin mode not available</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="213" />
        <source>Admin-Modus öffnen</source>
        <translation>Open admin mode</translation>
    </message>
    <message>
        <location filename="../ui/admin/entry_dialog.py" line="214" />
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AdminLauncher</name>
    <message>
        <location filename="../ui/admin/launcher.py" line="89" />
        <source>Admin-Modus</source>
        <translation>Admin mode</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../ui/admin/admin_window.py" line="42" />
        <source>Admin-Modus – LifeTimeCircle Service Heft</source>
        <translation>Admin mode – LifeTimeCircle Service Heft</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="53" />
        <source>ADMIN-MODUS</source>
        <translation>ADMIN MODE</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="56" />
        <source>Angemeldet als {role} · nur online · nichts wird lokal gespeichert</source>
        <translation>Signed in as {role} · online only · nothing is stored locally</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="60" />
        <source>Modus beenden</source>
        <translation>End mode</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="79" />
        <source>Quarantäne</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="80" />
        <source>Konten und Rollen</source>
        <translation>Accounts and roles</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="81" />
        <source>Organisationen</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="82" />
        <source>Audit-Log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="83" />
        <source>Add-ons</source>
        <translation>Add-ons</translation>
    </message>
    <message>
        <location filename="../ui/admin/admin_window.py" line="114" />
        <source>Restzeit: {m} min</source>
        <translation>Time left: {m} min</translation>
    </message>
</context>
<context>
    <name>AuditPageWidget</name>
    <message>
        <location filename="../ui/admin/audit_page.py" line="83" />
        <source>Audit-Log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="91" />
        <source>alle Aktionen</source>
        <translation>all actions</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="93" />
        <source>Konto-ID (UUID)</source>
        <translation>Account ID (UUID)</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="95" />
        <source>alle Ziele</source>
        <translation>all targets</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="99" />
        <source>Ziel-ID</source>
        <translation>Target ID</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="101" />
        <location filename="../ui/admin/audit_page.py" line="104" />
        <source>erfolgreich</source>
        <translation>success</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="101" />
        <location filename="../ui/admin/audit_page.py" line="105" />
        <source>verweigert</source>
        <translation>denied</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="101" />
        <location filename="../ui/admin/audit_page.py" line="106" />
        <source>Fehler</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="103" />
        <source>alle Ergebnisse</source>
        <translation>all results</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="110" />
        <source>ab</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="110" />
        <source>bis</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="115" />
        <source>Aktion:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="117" />
        <source>Akteur:</source>
        <translation>Actor:</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="119" />
        <source>Ergebnis:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="121" />
        <source>Ziel:</source>
        <translation>Target:</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="134" />
        <source>Filtern</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="136" />
        <source>Weitere laden</source>
        <translation>Load more</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="137" />
        <source>Als CSV exportieren …</source>
        <translation>Export as CSV …</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="153" />
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="154" />
        <source>Aktion</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="155" />
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="156" />
        <source>Akteur</source>
        <translation>Actor</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="157" />
        <source>Ziel</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="158" />
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="203" />
        <source>, weitere vorhanden</source>
        <translation>, more available</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="204" />
        <source>{n} Einträge geladen{more}</source>
        <translation>{n} entries loaded{more}</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="214" />
        <source>Audit-Log exportieren</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <location filename="../ui/admin/audit_page.py" line="235" />
        <source>{n} Einträge exportiert nach {file}</source>
        <translation>{n} entries exported to {file}</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../ui/admin/preview.py" line="33" />
        <source>‹ Zurück</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../ui/admin/preview.py" line="34" />
        <source>Weiter ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <location filename="../ui/admin/preview.py" line="45" />
        <source>Dokument in der Liste wählen, um die Vorschau zu sehen.</source>
        <translation>Select a document in the list to see its preview.</translation>
    </message>
    <message>
        <location filename="../ui/admin/preview.py" line="82" />
        <source>Die PDF-Datei kann nicht angezeigt werden.</source>
        <translation>The PDF file cannot be shown.</translation>
    </message>
    <message>
        <location filename="../ui/admin/preview.py" line="89" />
        <source>Dieses Format kann nicht angezeigt werden.</source>
        <translation>This format cannot be shown.</translation>
    </message>
    <message>
        <location filename="../ui/admin/preview.py" line="92" />
        <source>Bild</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../ui/admin/preview.py" line="109" />
        <source>Seite {page} von {count}</source>
        <translation>Page {page} of {count}</translation>
    </message>
</context>
<context>
    <name>EntitlementDialog</name>
    <message>
        <location filename="../ui/admin/users_page.py" line="72" />
        <source>Berechtigung setzen</source>
        <translation>Set entitlement</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="75" />
        <source>keine</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="76" />
        <source>Aktuell: {values}</source>
        <translation>Current: {values}</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="86" />
        <source>Schlüssel:</source>
        <translation>Key:</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="87" />
        <source>Wert:</source>
        <translation>Value:</translation>
    </message>
</context>
<context>
    <name>OrgsPage</name>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="83" />
        <source>Organisationen und VIP-Gewerbe</source>
        <translation>Organisations and VIP businesses</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="93" />
        <source>Organisationen</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="94" />
        <location filename="../ui/admin/orgs_page.py" line="151" />
        <source>VIP-Gewerbe</source>
        <translation>VIP business</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="104" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="105" />
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="106" />
        <location filename="../ui/admin/orgs_page.py" line="118" />
        <location filename="../ui/admin/orgs_page.py" line="167" />
        <source>Inhaber</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="107" />
        <source>Offene Anfragen</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="108" />
        <location filename="../ui/admin/orgs_page.py" line="173" />
        <source>Angelegt</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="116" />
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="117" />
        <location filename="../ui/admin/orgs_page.py" line="168" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="118" />
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="118" />
        <source>Mitglied</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="119" />
        <source>Angefragt</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="129" />
        <source>Mitgliedschaften der gewählten Organisation</source>
        <translation>Memberships of the selected organisation</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="134" />
        <source>Organisation anlegen …</source>
        <translation>Create organisation …</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="135" />
        <source>Anfrage annehmen</source>
        <translation>Approve request</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="136" />
        <source>Mitgliedschaft widerrufen</source>
        <translation>Revoke membership</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="148" />
        <source>Werkstatt</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="149" />
        <source>Händler</source>
        <translation>Dealer</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="150" />
        <source>Flotte</source>
        <translation>Fleet</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="156" />
        <source>angefragt</source>
        <translation>requested</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="156" />
        <source>aktiv</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="156" />
        <source>widerrufen</source>
        <translation>revoked</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="166" />
        <source>Gewerbe-ID</source>
        <translation>Business ID</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="168" />
        <source>freigegeben</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="168" />
        <source>beantragt</source>
        <translation>requested</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="170" />
        <source>Mitarbeiter-Plätze</source>
        <translation>Staff seats</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="171" />
        <source>{used} von {seats}</source>
        <translation>{used} of {seats}</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="179" />
        <source>Freigabe und Mitarbeiter-Plätze vergibt nur der Superadmin.</source>
        <translation>Only the superadmin approves businesses and grants staff seats.</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="183" />
        <source>VIP-Gewerbe anlegen …</source>
        <translation>Create VIP business …</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="184" />
        <source>Freigeben …</source>
        <translation>Approve …</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="185" />
        <source>Mitarbeiter hinzufügen …</source>
        <translation>Add staff member …</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="241" />
        <source>Organisation anlegen</source>
        <translation>Create organisation</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="241" />
        <source>Art:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="241" />
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="246" />
        <source>Organisation angelegt.</source>
        <translation>Organisation created.</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="257" />
        <source>Mitgliedschaft angenommen.</source>
        <translation>Membership approved.</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="257" />
        <source>Mitgliedschaft widerrufen.</source>
        <translation>Membership revoked.</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="263" />
        <source>Konto-ID (UUID) des Inhabers</source>
        <translation>Account ID (UUID) of the owner</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="264" />
        <source>optional, z. B. vip-autohaus-nord</source>
        <translation>optional, e.g. vip-dealer-north</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="265" />
        <source>Inhaber:</source>
        <translation>Owner:</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="265" />
        <source>Gewerbe-ID:</source>
        <translation>Business ID:</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="265" />
        <source>Grund:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="266" />
        <source>VIP-Gewerbe anlegen</source>
        <translation>Create VIP business</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="270" />
        <source>VIP-Gewerbe beantragt.</source>
        <translation>VIP business requested.</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="284" />
        <source>VIP-Gewerbe freigegeben.</source>
        <translation>VIP business approved.</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="285" />
        <source>VIP-Gewerbe {id} freigeben</source>
        <translation>Approve VIP business {id}</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="293" />
        <source>Konto-ID (UUID) der Mitarbeiterin / des Mitarbeiters</source>
        <translation>Account ID (UUID) of the staff member</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="294" />
        <source>Mitarbeiter hinzufügen</source>
        <translation>Add staff member</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="294" />
        <source>Konto:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="304" />
        <source>Mitarbeiter hinzugefügt ({used} von {seats} Plätzen).</source>
        <translation>Staff member added ({used} of {seats} seats).</translation>
    </message>
    <message>
        <location filename="../ui/admin/orgs_page.py" line="310" />
        <source>Mitarbeiter zu {id} hinzufügen</source>
        <translation>Add staff member to {id}</translation>
    </message>
</context>
<context>
    <name>QuarantinePage</name>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="55" />
        <source>Dokumente in Prüfung</source>
        <translation>Documents in review</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="61" />
        <source>Alle Scan-Status</source>
        <translation>All scan states</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="64" />
        <source>Alle PII-Status</source>
        <translation>All PII states</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="69" />
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="73" />
        <source>Scan:</source>
        <translation>Scan:</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="76" />
        <source>PII:</source>
        <translation>PII:</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="92" />
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="93" />
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="94" />
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="95" />
        <source>Größe</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="96" />
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="97" />
        <location filename="../ui/admin/quarantine_page.py" line="302" />
        <source>PII</source>
        <translation>PII</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="119" />
        <location filename="../ui/admin/quarantine_page.py" line="168" />
        <source>Kein Dokument gewählt.</source>
        <translation>No document selected.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="125" />
        <location filename="../ui/admin/quarantine_page.py" line="224" />
        <source>Freigeben</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="127" />
        <location filename="../ui/admin/quarantine_page.py" line="225" />
        <source>Ablehnen …</source>
        <translation>Reject …</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="128" />
        <source>Neu scannen</source>
        <translation>Rescan</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="129" />
        <source>PII …</source>
        <translation>PII …</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="131" />
        <source>PII vermutet markieren …</source>
        <translation>Mark PII suspected …</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="132" />
        <source>PII bestätigt markieren …</source>
        <translation>Mark PII confirmed …</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="133" />
        <source>PII-Sperre aufheben (Override) …</source>
        <translation>Lift PII block (override) …</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="164" />
        <source>{shown} von {total} Dokumenten</source>
        <translation>{shown} of {total} documents</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="167" />
        <source>Dokument in der Liste wählen, um die Vorschau zu sehen.</source>
        <translation>Select a document in the list to see its preview.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="198" />
        <source>{n} Dokumente gewählt.</source>
        <translation>{n} documents selected.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="199" />
        <source>Mehrfachauswahl: Freigeben und Ablehnen gelten für alle gewählten.</source>
        <translation>Multiple selection: approve and reject apply to all selected.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="203" />
        <source>Dokument {id} · eingegangen {at} · Scan: {scan} · PII: {pii}</source>
        <translation>Document {id} · received {at} · scan: {scan} · PII: {pii}</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="210" />
        <source>Vorschau wird geladen …</source>
        <translation>Loading preview …</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="224" />
        <source>Freigeben ({n})</source>
        <translation>Approve ({n})</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="225" />
        <source>Ablehnen ({n}) …</source>
        <translation>Reject ({n}) …</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="243" />
        <source>{ok} von {n} Dokumenten {verb}.</source>
        <translation>{ok} of {n} documents {verb}.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="246" />
        <source>Nicht bearbeitet: </source>
        <translation>Not processed: </translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="258" />
        <source>Dokument freigegeben.</source>
        <translation>Document approved.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="261" />
        <source>freigegeben</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="269" />
        <source>Ablehnen</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="270" />
        <source>Grund der Ablehnung (die Person, die hochgeladen hat, sieht ihn). Eine Ablehnung ist endgültig.</source>
        <translation>Reason for the rejection (the uploader sees it). A rejection is final.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="280" />
        <source>Dokument abgelehnt.</source>
        <translation>Document rejected.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="284" />
        <source>abgelehnt</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="290" />
        <source>Neuer Scan angestoßen.</source>
        <translation>New scan started.</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="298" />
        <source>Begründung für das Aufheben der PII-Sperre (wird protokolliert):</source>
        <translation>Reason for lifting the PII block (logged):</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="300" />
        <source>Notiz zur PII-Markierung:</source>
        <translation>Note on the PII marking:</translation>
    </message>
    <message>
        <location filename="../ui/admin/quarantine_page.py" line="306" />
        <source>PII-Status gesetzt: {s}.</source>
        <translation>PII status set: {s}.</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../ui/admin/users_page.py" line="50" />
        <source>Rolle setzen</source>
        <translation>Set role</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="58" />
        <source>optional, z. B. Ticketnummer</source>
        <translation>optional, e.g. ticket number</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="59" />
        <source>Neue Rolle:</source>
        <translation>New role:</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="60" />
        <source>Grund:</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../ui/admin/users_page.py" line="102" />
        <source>Konten und Rollen</source>
        <translation>Accounts and roles</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="106" />
        <source>E-Mail-Adressen sind maskiert. Das Anzeigen erfordert eine Bestätigung und wird protokolliert.</source>
        <translation>E-mail addresses are masked. Showing one needs a confirmation and is logged.</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="118" />
        <source>Konto</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="119" />
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="120" />
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="121" />
        <source>Angelegt</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="139" />
        <source>E-Mail anzeigen …</source>
        <translation>Show e-mail …</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="140" />
        <source>Rolle setzen …</source>
        <translation>Set role …</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="141" />
        <source>Als Moderator akkreditieren …</source>
        <translation>Accredit as moderator …</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="142" />
        <source>Berechtigungen …</source>
        <translation>Entitlements …</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="143" />
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="198" />
        <source>E-Mail-Adresse angezeigt; der Zugriff wurde protokolliert.</source>
        <translation>E-mail address shown; the access was logged.</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="203" />
        <source>E-Mail-Adresse anzeigen</source>
        <translation>Show e-mail address</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="219" />
        <source>Neue Rolle: {role}.</source>
        <translation>New role: {role}.</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="222" />
        <source>Rolle auf {role} setzen</source>
        <translation>Set role to {role}</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="233" />
        <source>Das Konto ist jetzt als Moderator akkreditiert.</source>
        <translation>The account is now accredited as moderator.</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="239" />
        <source>Als Moderator akkreditieren</source>
        <translation>Accredit as moderator</translation>
    </message>
    <message>
        <location filename="../ui/admin/users_page.py" line="252" />
        <source>Berechtigung {key} = {value} gesetzt.</source>
        <translation>Entitlement {key} = {value} set.</translation>
    </message>
</context>
</TS>