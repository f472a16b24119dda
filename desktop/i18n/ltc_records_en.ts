<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CollectionsDialog</name>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="46"/>
        <location filename="../ui/vehicles/collections_dialog.py" line="59"/>
        <source>Sammlungen und Flotten</source>
        <translation>Collections and fleets</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="52"/>
        <source>Fassen Sie Ihre Fahrzeuge zu Sammlungen oder Flotten zusammen. Ein Fahrzeug kann in mehreren sein. Änderungen brauchen eine Verbindung zum Server.</source>
        <translation>Group your vehicles into collections or fleets. A vehicle may be in several. Changes need a connection to the server.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="57"/>
        <source>&amp;Sammlungen:</source>
        <translation>C&amp;ollections:</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="62"/>
        <source>&amp;Neu …</source>
        <translation>&amp;New …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="63"/>
        <source>&amp;Umbenennen …</source>
        <translation>&amp;Rename …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="64"/>
        <source>&amp;Löschen</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="68"/>
        <source>Als &amp;Flotte führen</source>
        <translation>Treat as &amp;fleet</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="71"/>
        <source>Fahr&amp;zeuge in dieser Sammlung:</source>
        <translation>&amp;Vehicles in this collection:</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="73"/>
        <source>Fahrzeuge der Sammlung</source>
        <translation>Vehicles of the collection</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="78"/>
        <source>S&amp;chließen</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="121"/>
        <source>{name} (Flotte)</source>
        <translation>{name} (fleet)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="172"/>
        <source>Keine Verbindung zum Server: Sammlungen lassen sich nur online ändern. Bitte Verbindung prüfen und erneut versuchen.</source>
        <translation>No connection to the server: collections can only be changed online. Please check the connection and try again.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="176"/>
        <source>Eine Sammlung mit diesem Namen gibt es schon.</source>
        <translation>A collection with this name already exists.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="178"/>
        <source>Bitte einen Namen eingeben (höchstens 120 Zeichen).</source>
        <translation>Please enter a name (at most 120 characters).</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="182"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="186"/>
        <source>Neue Sammlung</source>
        <translation>New collection</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="194"/>
        <source>Sammlung umbenennen</source>
        <translation>Rename collection</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="204"/>
        <source>Sammlung löschen</source>
        <translation>Delete collection</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/collections_dialog.py" line="205"/>
        <source>„{name}“ löschen? Die Fahrzeuge bleiben erhalten.</source>
        <translation>Delete “{name}”? The vehicles are kept.</translation>
    </message>
</context>
<context>
    <name>EntriesTab</name>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="162"/>
        <source>Zeitleiste der Eintragungen</source>
        <extracomment>The timeline of the vehicle arrived (or failed to): the file is on screen.</extracomment>
        <translation>Timeline of entries</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="163"/>
        <source>Fassungen der Eintragung</source>
        <translation>Revisions of the entry</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="164"/>
        <source>&amp;Neue Eintragung …</source>
        <translation>&amp;New entry …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="166"/>
        <source>Neue Eintragung (Strg+E)</source>
        <translation>New entry (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="167"/>
        <source>Ko&amp;rrigieren …</source>
        <translation>&amp;Correct …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="168"/>
        <source>Nachwe&amp;is anhängen …</source>
        <translation>&amp;Upload evidence …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="171"/>
        <source>Fassungen (Änderungsverlauf)</source>
        <translation>Revisions (change history)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="209"/>
        <source>{n} Eintragungen</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="209"/>
        <source>1 Eintragung</source>
        <translation>1 entry</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="219"/>
        <source>Die Eintragungen konnten nicht geladen werden: {e}</source>
        <translation>The entries could not be loaded: {e}</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="261"/>
        <location filename="../ui/vehicles/vehicle_file.py" line="269"/>
        <source>Nachweise anhängen</source>
        <translation>Attach evidence</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="75"/>
        <source>Neue Eintragung</source>
        <translation>New entry</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="75"/>
        <source>Eintragung korrigieren</source>
        <translation>Correct entry</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="85"/>
        <location filename="../ui/vehicles/entry_dialog.py" line="89"/>
        <source>– bitte wählen –</source>
        <translation>– please choose –</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="98"/>
        <source>kei&amp;ne Angabe</source>
        <translation>&amp;not stated</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="99"/>
        <source>T&amp;1 – ohne Papier-Serviceheft</source>
        <translation>T&amp;1 – without a paper service book</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="100"/>
        <source>T&amp;2 – Papier-Serviceheft vorhanden</source>
        <translation>T&amp;2 – paper service book available</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="106"/>
        <source>z. B. 249,90</source>
        <translation>e.g. 249.90</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="111"/>
        <source>Bitte keine persönlichen Daten eintragen.</source>
        <translation>Please do not enter personal data.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="116"/>
        <source>&amp;Datei hinzufügen …</source>
        <translation>Add &amp;file …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="118"/>
        <source>Datei &amp;entfernen</source>
        <translation>&amp;Remove file</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="127"/>
        <source>D&amp;atum *</source>
        <translation>D&amp;ate *</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="128"/>
        <source>A&amp;rt *</source>
        <translation>&amp;Type *</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="129"/>
        <source>Durchgeführt &amp;von *</source>
        <translation>Performed &amp;by *</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="130"/>
        <source>&amp;Kilometerstand *</source>
        <translation>&amp;Mileage (km) *</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="137"/>
        <source>&amp;T-Stufe</source>
        <translation>T-&amp;level</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="138"/>
        <source>K&amp;osten (€)</source>
        <translation>&amp;Cost (€)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="139"/>
        <source>&amp;Bemerkung</source>
        <translation>N&amp;ote</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="149"/>
        <source>Anhänge</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="151"/>
        <source>Pflichtfelder sind mit * markiert.</source>
        <translation>Required fields are marked with *.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="155"/>
        <source>&amp;Speichern</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="159"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="223"/>
        <source>Nachweise hinzufügen</source>
        <translation>Add evidence</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="293"/>
        <source>Bitte prüfen Sie: {fields}.</source>
        <translation>Please check: {fields}.</translation>
    </message>
</context>
<context>
    <name>MasterDataTab</name>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="83"/>
        <source>Stammdaten</source>
        <translation>Vehicle data</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="88"/>
        <source>Spitzname</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="89"/>
        <source>Marke</source>
        <translation>Make</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="90"/>
        <source>Modell</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="91"/>
        <source>Baujahr</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="92"/>
        <source>Fahrzeugklasse</source>
        <translation>Vehicle class</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="93"/>
        <source>Motor/Antrieb</source>
        <translation>Engine/drive</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="94"/>
        <source>FIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="95"/>
        <source>Sammlung</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="96"/>
        <source>Unfallstatus</source>
        <translation>Accident status</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="102"/>
        <source>Stammdaten &amp;bearbeiten …</source>
        <translation>&amp;Modify vehicle data …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="104"/>
        <location filename="../ui/vehicles/vehicle_file.py" line="136"/>
        <source>Öffentlicher QR-Code</source>
        <translation>Public QR code</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="107"/>
        <source>Der öffentliche QR-Code (anzeigen, Aufkleber drucken, erneuern, deaktivieren) erscheint hier.</source>
        <translation>The public QR code (show, print stickers, renew, disable) appears here.</translation>
    </message>
</context>
<context>
    <name>RetryDialog</name>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="106"/>
        <source>Ändern und erneut senden</source>
        <translation>Edit and send again</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="119"/>
        <source>Diese Änderung hat keine Angaben, die hier korrigiert werden können.</source>
        <translation>This change has no details that can be corrected here.</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="124"/>
        <source>Erneut &amp;senden</source>
        <translation>&amp;Send again</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="126"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SyncProblemsPanel</name>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="153"/>
        <location filename="../ui/sync/problems_panel.py" line="173"/>
        <source>Sync-Probleme</source>
        <translation>Sync problems</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="158"/>
        <source>Diese Änderungen hat der Server nicht übernommen. Ihre Eingaben sind hier gespeichert: Sie können sie ändern und erneut senden oder verwerfen.</source>
        <translation>The server did not accept these changes. Your input is kept here: you can edit and send it again, or discard it.</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="179"/>
        <source>Keine Sync-Probleme. Alle Änderungen wurden übernommen.</source>
        <translation>No sync problems. All changes were accepted.</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="181"/>
        <source>Ändern und &amp;erneut senden …</source>
        <translation>Edit and &amp;resend …</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="183"/>
        <source>&amp;Verwerfen …</source>
        <translation>&amp;Discard …</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="184"/>
        <source>&amp;Schließen</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="249"/>
        <source>Änderung verwerfen</source>
        <translation>Discard change</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="250"/>
        <source>Diese Änderung endgültig verwerfen? Sie wird nicht mehr an den Server gesendet.</source>
        <translation>Discard this change for good? It will no longer be sent to the server.</translation>
    </message>
</context>
<context>
    <name>SyncProgressWidget</name>
    <message>
        <location filename="../ui/sync/progress.py" line="24"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="26"/>
        <source>Synchronisation abbrechen</source>
        <translation>Cancel sync</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="50"/>
        <location filename="../ui/sync/progress.py" line="64"/>
        <source>Synchronisiere …</source>
        <translation>Syncing …</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="58"/>
        <source>Verbinde …</source>
        <translation>Connecting …</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="59"/>
        <source>Lade Nachweise hoch …</source>
        <translation>Uploading evidence …</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="60"/>
        <source>Sende Änderungen …</source>
        <translation>Sending changes …</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="61"/>
        <source>Empfange Änderungen …</source>
        <translation>Receiving changes …</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="62"/>
        <source>Vollständiger Abgleich …</source>
        <translation>Full resync …</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="73"/>
        <source>Server nicht erreichbar – neuer Versuch in {n} s</source>
        <translation>Server unreachable – retrying in {n} s</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="79"/>
        <source>Synchronisiert – {n} Änderung(en) abgelehnt</source>
        <translation>Synced – {n} change(s) rejected</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="81"/>
        <source>Synchronisiert</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="86"/>
        <source>Synchronisation abgebrochen</source>
        <translation>Sync cancelled</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="89"/>
        <source>Offline – nächster Versuch in {n} min</source>
        <translation>Offline – next attempt in {n} min</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="92"/>
        <source>Synchronisation fehlgeschlagen: {e}</source>
        <translation>Sync failed: {e}</translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="96"/>
        <source>⚠ {n} Sync-Problem(e)</source>
        <translation>⚠ {n} sync problem(s)</translation>
    </message>
</context>
<context>
    <name>TrustPanel</name>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="34"/>
        <source>noch nicht bestätigt</source>
        <translation>not yet confirmed</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="37"/>
        <source>Lokale Änderungen sind noch nicht synchronisiert. Angezeigt wird der letzte Stand des Servers.</source>
        <translation>Local changes are not synced yet. Shown is the server&apos;s last state.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="46"/>
        <location filename="../ui/vehicles/trust_panel.py" line="64"/>
        <source>Gründe</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="48"/>
        <location filename="../ui/vehicles/trust_panel.py" line="97"/>
        <location filename="../ui/vehicles/trust_panel.py" line="126"/>
        <source>To-dos</source>
        <translation>To-dos</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="92"/>
        <source>Noch keine Bewertung</source>
        <translation>Not rated yet</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="94"/>
        <source>Die Trust-Stufe berechnet der Server. Sie erscheint nach der nächsten Synchronisation.</source>
        <translation>The server calculates the trust level. It appears after the next sync.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="102"/>
        <source>Trust-Ampel: {light}</source>
        <translation>Trust light: {light}</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="109"/>
        <source>Unfallstatus: {a} · Historie: {h} · Nachweise: {e} · Höchste T-Stufe: {t}</source>
        <translation>Accident status: {a} · History: {h} · Evidence: {e} · Highest T-level: {t}</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="120"/>
        <source>Keine Einschränkungen.</source>
        <translation>No restrictions.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="126"/>
        <source>To-dos (Top 3)</source>
        <translation>To-dos (top 3)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="132"/>
        <source>Keine offenen To-dos.</source>
        <translation>No open to-dos.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="135"/>
        <source>vorhanden</source>
        <translation>available</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="135"/>
        <source>nicht vorhanden</source>
        <translation>not available</translation>
    </message>
</context>
<context>
    <name>VehicleDialog</name>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="33"/>
        <source>Neues Fahrzeug</source>
        <translation>New vehicle</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="33"/>
        <source>Fahrzeugdaten bearbeiten</source>
        <translation>Edit vehicle data</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="38"/>
        <source>11 bis 17 Zeichen, ohne I, O und Q</source>
        <translation>11 to 17 characters, without I, O and Q</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="47"/>
        <source>– bitte wählen –</source>
        <translation>– please choose –</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="63"/>
        <source>&amp;FIN *</source>
        <translation>&amp;VIN *</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="65"/>
        <source>FIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="67"/>
        <source>S&amp;pitzname</source>
        <translation>&amp;Nickname</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="68"/>
        <source>&amp;Marke</source>
        <translation>&amp;Make</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="69"/>
        <source>M&amp;odell</source>
        <translation>M&amp;odel</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="70"/>
        <source>&amp;Baujahr</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="71"/>
        <source>Fahrzeug&amp;klasse</source>
        <translation>Vehicle &amp;class</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="72"/>
        <source>Motor/&amp;Antrieb</source>
        <translation>&amp;Engine/drive</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="73"/>
        <source>&amp;Unfallstatus</source>
        <translation>&amp;Accident status</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="78"/>
        <source>Felder mit * sind Pflicht. {hint}</source>
        <translation>Fields marked * are required. {hint}</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="83"/>
        <source>&amp;Speichern</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="85"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="125"/>
        <source>Bitte eine gültige FIN eingeben: 11 bis 17 Buchstaben und Ziffern, ohne I, O und Q.</source>
        <translation>Please enter a valid VIN: 11 to 17 letters and digits, without I, O and Q.</translation>
    </message>
</context>
<context>
    <name>VehicleFileView</name>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="294"/>
        <source>← &amp;Alle Fahrzeuge</source>
        <translation>← All veh&amp;icles</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="304"/>
        <source>● Nicht synchronisiert</source>
        <translation>● Not synced</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="314"/>
        <source>Fahr&amp;zeug</source>
        <translation>Vehic&amp;le</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="315"/>
        <source>&amp;Eintragungen</source>
        <translation>&amp;Entries</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="316"/>
        <source>Dok&amp;umente</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="317"/>
        <source>&amp;Trust</source>
        <translation>&amp;Trust</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="318"/>
        <source>Trust-&amp;Ordner</source>
        <translation>Trust f&amp;olders</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="406"/>
        <source>FIN {vin}</source>
        <translation>VIN {vin}</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="410"/>
        <source>Trust: {light}</source>
        <translation>Trust: {light}</translation>
    </message>
</context>
<context>
    <name>VehicleListView</name>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="53"/>
        <source>Meine Fahrzeuge</source>
        <translation>My vehicles</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="58"/>
        <source>Suchen nach Name, Marke, Modell, FIN …</source>
        <translation>Search by name, make, model, VIN …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="60"/>
        <source>Fahrzeuge suchen</source>
        <translation>Search vehicles</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="63"/>
        <source>Samm&amp;lung:</source>
        <translation>&amp;Collection:</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="68"/>
        <source>&amp;Neues Fahrzeug …</source>
        <translation>&amp;New vehicle …</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="70"/>
        <source>Neues Fahrzeug anlegen (Strg+N)</source>
        <translation>Add a new vehicle (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="85"/>
        <source>Fahrzeugliste</source>
        <translation>Vehicle list</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="99"/>
        <source>Noch keine Fahrzeuge</source>
        <translation>No vehicles yet</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="101"/>
        <source>Legen Sie Ihr Fahrzeug mit der FIN an (Strg+N). Danach können Sie Eintragungen und Nachweise erfassen.</source>
        <translation>Add your vehicle with its VIN (Ctrl+N). Then you can record entries and evidence.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="153"/>
        <source>Die Fahrzeuge konnten nicht geladen werden: {error}</source>
        <translation>The vehicles could not be loaded: {error}</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="162"/>
        <source>Alle Fahrzeuge</source>
        <translation>All vehicles</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="164"/>
        <source>{name} (Flotte)</source>
        <translation>{name} (fleet)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="183"/>
        <source>{n} Fahrzeuge</source>
        <translation>{n} vehicles</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="183"/>
        <source>1 Fahrzeug</source>
        <translation>1 vehicle</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="185"/>
        <source>{shown} von {n} Fahrzeugen</source>
        <translation>{shown} of {n} vehicles</translation>
    </message>
</context>
<context>
    <name>Vehicles</name>
    <message>
        <location filename="../ui/vehicles/common.py" line="42"/>
        <source>Service</source>
        <extracomment>Styles of the vehicle views (on top of the app theme). Texts that reach :func:`tr` through variables - the labels of ``shared`` (entry types, performed-by, accident status), the vehicle classes, the field names and the sync-problem messages of ``desktop.store`` - spelled out so that lupdate extracts them (tests check that the lists stay complete).</extracomment>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="43"/>
        <source>Wartung</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="44"/>
        <source>Reparatur</source>
        <translation>Repair</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="45"/>
        <source>Umbau/Modifikation</source>
        <translation>Conversion/modification</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="46"/>
        <source>Hauptuntersuchung (TÜV/HU)</source>
        <translation>Roadworthiness test (TÜV/HU)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="47"/>
        <source>Unfall</source>
        <translation>Accident</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="48"/>
        <source>Diagnose</source>
        <translation>Diagnosis</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="49"/>
        <source>Sonstiges</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="50"/>
        <source>Fachwerkstatt</source>
        <translation>Specialist workshop</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="51"/>
        <source>Händler</source>
        <translation>Dealer</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="52"/>
        <source>Autohaus</source>
        <translation>Car dealership</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="53"/>
        <source>Reifenservice</source>
        <translation>Tyre service</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="54"/>
        <source>Tuning-Fachbetrieb</source>
        <translation>Tuning specialist</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="55"/>
        <source>Gesetzliches (TÜV / Gutachten / Wertgutachten)</source>
        <translation>Statutory (TÜV / expert report / valuation)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="56"/>
        <source>Eigenleistung</source>
        <translation>Own work</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="57"/>
        <source>Unfallfrei</source>
        <translation>Accident-free</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="58"/>
        <source>Nicht unfallfrei</source>
        <translation>Not accident-free</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="59"/>
        <source>Unbekannt</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="60"/>
        <source>Hypercar</source>
        <translation>Hypercar</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="61"/>
        <source>Sport</source>
        <translation>Sports car</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="62"/>
        <source>Luxus</source>
        <translation>Luxury</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="63"/>
        <source>Alltag</source>
        <translation>Everyday</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="64"/>
        <source>Nutzfahrzeug</source>
        <translation>Commercial vehicle</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="65"/>
        <source>Datenpflege = bessere Trust-Stufe &amp; Verkaufswert</source>
        <translation>Well-kept data = better trust level &amp; resale value</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="66"/>
        <source>Nachweise (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Evidence (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="67"/>
        <location filename="../ui/vehicles/timeline_model.py" line="69"/>
        <source>Datum</source>
        <extracomment>Rows handed to the view per fetchMore: a 2,000-entry vehicle opens with one batch, the rest on scrolling.</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="68"/>
        <location filename="../ui/vehicles/timeline_model.py" line="70"/>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="69"/>
        <location filename="../ui/vehicles/timeline_model.py" line="71"/>
        <source>Durchgeführt von</source>
        <translation>Performed by</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="70"/>
        <location filename="../ui/vehicles/timeline_model.py" line="72"/>
        <source>Kilometerstand</source>
        <translation>Mileage</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="71"/>
        <location filename="../ui/vehicles/timeline_model.py" line="75"/>
        <source>Bemerkung</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="72"/>
        <location filename="../ui/vehicles/timeline_model.py" line="74"/>
        <source>Kosten</source>
        <translation>Cost</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="73"/>
        <source>Währung</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="74"/>
        <location filename="../ui/vehicles/timeline_model.py" line="73"/>
        <source>T-Stufe</source>
        <translation>T-level</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="75"/>
        <location filename="../ui/vehicles/vehicle_model.py" line="41"/>
        <source>FIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="76"/>
        <source>Spitzname</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="77"/>
        <source>Datum (JJJJ-MM-TT)</source>
        <translation>Date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="78"/>
        <source>Dateiname</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="79"/>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="80"/>
        <source>Die Änderung wurde vom Server abgelehnt. Bitte prüfen Sie die Angaben und versuchen Sie es erneut.</source>
        <translation>The server rejected the change. Please check the details and try again.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="84"/>
        <source>Mit Ihrem Konto können Sie nur ein Fahrzeug anlegen. Für weitere Fahrzeuge ist eine Freischaltung nötig.</source>
        <translation>Your account can hold only one vehicle. Further vehicles need an upgrade.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="88"/>
        <source>Bitte stimmen Sie zuerst den aktuellen Nutzungsbedingungen und der Datenschutzerklärung zu.</source>
        <translation>Please accept the current terms of use and privacy policy first.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="91"/>
        <source>Sie haben keine Berechtigung für diese Änderung.</source>
        <translation>You are not allowed to make this change.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="92"/>
        <source>Ihre Rolle erlaubt diese Änderung nicht.</source>
        <translation>Your role does not allow this change.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="93"/>
        <source>Der Datensatz existiert auf dem Server nicht mehr oder ist für Sie nicht sichtbar.</source>
        <translation>The record no longer exists on the server or is not visible to you.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="94"/>
        <source>Der Datensatz wurde inzwischen auf einem anderen Gerät geändert. Ihre Eingaben sind hier gespeichert; bitte prüfen Sie sie und senden Sie sie erneut.</source>
        <translation>The record has meanwhile been changed on another device. Your input is kept here; please check it and send it again.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="99"/>
        <source>Die Angaben sind unvollständig oder ungültig.</source>
        <translation>The details are incomplete or invalid.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="100"/>
        <source>Die Fahrzeug-Identifizierungsnummer (FIN) hat kein gültiges Format.</source>
        <translation>The vehicle identification number (VIN) is not in a valid format.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="101"/>
        <source>Der Eintrag wurde nicht gefunden oder inzwischen überarbeitet.</source>
        <translation>The entry was not found or has been revised in the meantime.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="102"/>
        <source>Der Eintrag ist unvollständig oder ungültig.</source>
        <translation>The entry is incomplete or invalid.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="103"/>
        <source>Diese Zusatzfunktion ist nicht verfügbar.</source>
        <translation>This add-on is not available.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="104"/>
        <source>Diese Zusatzfunktion ist nur für Administratoren freigeschaltet.</source>
        <translation>This add-on is enabled for administrators only.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="105"/>
        <source>Diese Zusatzfunktion muss zuerst freigeschaltet werden.</source>
        <translation>This add-on has to be unlocked first.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="106"/>
        <source>Ein Ordner mit diesem Titel existiert für das Fahrzeug bereits.</source>
        <translation>A folder with this title already exists for this vehicle.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="107"/>
        <source>Die Datei ist zu groß (höchstens 20 MB).</source>
        <translation>The file is too large (at most 20 MB).</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="108"/>
        <source>Dieser Dateityp ist nicht erlaubt (nur PDF, JPEG und PNG).</source>
        <translation>This file type is not allowed (PDF, JPEG and PNG only).</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="109"/>
        <source>Der Inhalt der Datei ist kein erlaubtes PDF-, JPEG- oder PNG-Dokument.</source>
        <translation>The file&apos;s content is not an allowed PDF, JPEG or PNG document.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="110"/>
        <source>Das Dokument wurde bereits gelöscht.</source>
        <translation>The document has already been deleted.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="111"/>
        <source>Das Dokument wurde abgelehnt und kann nicht mehr geändert werden.</source>
        <translation>The document was rejected and can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="112"/>
        <source>Für diese Funktion fehlt die nötige Freischaltung.</source>
        <translation>This feature needs an upgrade you do not have.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="113"/>
        <source>Diese Statusänderung ist nicht möglich.</source>
        <translation>This status change is not possible.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="114"/>
        <source>Sie sind nicht mehr angemeldet. Bitte melden Sie sich erneut an.</source>
        <translation>You are no longer signed in. Please sign in again.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="120"/>
        <source>Rot</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="121"/>
        <source>Orange</source>
        <translation>Orange</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="122"/>
        <source>Gelb</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="123"/>
        <source>Grün</source>
        <translation>Green</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="125"/>
        <source>Noch keine Bewertung</source>
        <translation>Not rated yet</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="130"/>
        <source>offen</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="160"/>
        <source>{km} km</source>
        <translation>{km} km</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="85"/>
        <source>Hinweise</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="133"/>
        <source>{n} Fassungen</source>
        <translation>{n} revisions</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="136"/>
        <source>1 Anhang</source>
        <translation>1 attachment</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="138"/>
        <source>{n} Anhänge</source>
        <translation>{n} attachments</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="141"/>
        <source>● nicht synchronisiert</source>
        <translation>● not synced</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="149"/>
        <source>Fassung</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="154"/>
        <source>aktuell</source>
        <translation>current</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="154"/>
        <source>ersetzt</source>
        <translation>replaced</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="155"/>
        <source>Fassung {v} ({state})</source>
        <translation>Revision {v} ({state})</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="37"/>
        <source>Trust</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="38"/>
        <source>Fahrzeug</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="39"/>
        <source>Marke / Modell</source>
        <translation>Make / model</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="40"/>
        <source>Baujahr</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="42"/>
        <source>Sammlung</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="43"/>
        <source>Einträge</source>
        <translation>Entries</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="44"/>
        <source>Letzter Eintrag</source>
        <translation>Last entry</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="45"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="129"/>
        <source>● Noch nicht übertragen</source>
        <translation>● Not uploaded yet</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="131"/>
        <source>● Nicht synchronisiert</source>
        <translation>● Not synced</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="133"/>
        <source>Synchronisiert</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="139"/>
        <source>Lokale Änderungen warten auf die nächste Synchronisation.</source>
        <translation>Local changes are waiting for the next sync.</translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="140"/>
        <source>Alle Änderungen sind auf dem Server.</source>
        <translation>All changes are on the server.</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="50"/>
        <source>Fahrzeug angelegt</source>
        <extracomment>Payload keys a user may correct before retrying (ids and references stay as they were).</extracomment>
        <translation>Vehicle added</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="51"/>
        <source>Fahrzeugdaten geändert</source>
        <translation>Vehicle data changed</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="52"/>
        <source>Fahrzeug gelöscht</source>
        <translation>Vehicle deleted</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="53"/>
        <source>Eintragung erfasst</source>
        <translation>Entry recorded</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="54"/>
        <source>Eintragung korrigiert</source>
        <translation>Entry corrected</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="55"/>
        <source>Nachweis angehängt</source>
        <translation>Evidence attached</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="56"/>
        <source>Datenschutz-Prüfung</source>
        <translation>Privacy review</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="57"/>
        <source>Nachweis gelöscht</source>
        <translation>Evidence deleted</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="59"/>
        <source>Sonstige Änderung</source>
        <translation>Other change</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="69"/>
        <source>Eintragung vom {date}</source>
        <translation>Entry of {date}</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="77"/>
        <source>Änderung</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="78"/>
        <source>Betrifft</source>
        <translation>Concerns</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="79"/>
        <source>Meldung des Servers</source>
        <translation>Server message</translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="80"/>
        <source>Zeitpunkt</source>
        <translation>Time</translation>
    </message>
</context>
<context>
    <name>VehiclesWorkspace</name>
    <message>
        <location filename="../ui/vehicles/workspace.py" line="73"/>
        <source>Fehler</source>
        <translation>Error</translation>
    </message>
</context>
</TS>
