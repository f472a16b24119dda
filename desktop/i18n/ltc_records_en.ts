<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../ui/vehicles/common.py" line="34"/>
        <source>Rot</source>
        <extracomment>Styles of the vehicle views (on top of the app theme).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="35"/>
        <source>Orange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="36"/>
        <source>Gelb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="37"/>
        <source>Grün</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="39"/>
        <source>Noch keine Bewertung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="44"/>
        <source>offen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/common.py" line="74"/>
        <source>{km} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="76"/>
        <location filename="../ui/vehicles/timeline_model.py" line="177"/>
        <source>Datum</source>
        <extracomment>Rows handed to the view per fetchMore: a 2,000-entry vehicle opens with one batch, the rest on scrolling.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="77"/>
        <location filename="../ui/vehicles/timeline_model.py" line="178"/>
        <source>Art</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="78"/>
        <location filename="../ui/vehicles/timeline_model.py" line="179"/>
        <source>Durchgeführt von</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="79"/>
        <location filename="../ui/vehicles/timeline_model.py" line="180"/>
        <source>Kilometerstand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="80"/>
        <location filename="../ui/vehicles/timeline_model.py" line="181"/>
        <source>T-Stufe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="81"/>
        <location filename="../ui/vehicles/timeline_model.py" line="182"/>
        <source>Kosten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="82"/>
        <location filename="../ui/vehicles/timeline_model.py" line="183"/>
        <source>Bemerkung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="83"/>
        <source>Hinweise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="162"/>
        <source>{n} Fassungen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="164"/>
        <source>1 Anhang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="164"/>
        <source>{n} Anhänge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="166"/>
        <source>● nicht synchronisiert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="184"/>
        <source>Fassung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="212"/>
        <source>aktuell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="212"/>
        <source>ersetzt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/timeline_model.py" line="213"/>
        <source>Fassung {v} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="30"/>
        <source>Trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="31"/>
        <source>Fahrzeug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="32"/>
        <source>Marke / Modell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="33"/>
        <source>Baujahr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="34"/>
        <source>FIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="35"/>
        <source>Sammlung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="36"/>
        <source>Einträge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="37"/>
        <source>Letzter Eintrag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="38"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="126"/>
        <source>● Noch nicht übertragen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="127"/>
        <source>● Nicht synchronisiert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="127"/>
        <source>Synchronisiert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="132"/>
        <source>Lokale Änderungen warten auf die nächste Synchronisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_model.py" line="133"/>
        <source>Alle Änderungen sind auf dem Server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="50"/>
        <source>Fahrzeug angelegt</source>
        <extracomment>Payload keys a user may correct before retrying (ids and references stay as they were).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="51"/>
        <source>Fahrzeugdaten geändert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="52"/>
        <source>Fahrzeug gelöscht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="53"/>
        <source>Eintragung erfasst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="54"/>
        <source>Eintragung korrigiert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="55"/>
        <source>Nachweis angehängt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="56"/>
        <source>Datenschutz-Prüfung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="57"/>
        <source>Nachweis gelöscht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="59"/>
        <source>Sonstige Änderung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="69"/>
        <source>Eintragung vom {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="77"/>
        <source>Änderung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="77"/>
        <source>Betrifft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="77"/>
        <source>Meldung des Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="77"/>
        <source>Zeitpunkt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntriesTab</name>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="144"/>
        <source>Zeitleiste der Eintragungen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="145"/>
        <source>Fassungen der Eintragung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="146"/>
        <source>&amp;Neue Eintragung …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="148"/>
        <source>Neue Eintragung (Strg+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="149"/>
        <source>&amp;Korrigieren …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="150"/>
        <source>Nach&amp;weis anhängen …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="153"/>
        <source>Fassungen (Änderungsverlauf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="191"/>
        <source>{n} Eintragungen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="191"/>
        <source>1 Eintragung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="200"/>
        <source>Die Eintragungen konnten nicht geladen werden: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="241"/>
        <source>Nachweise anhängen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="75"/>
        <source>Neue Eintragung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="75"/>
        <source>Eintragung korrigieren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="85"/>
        <location filename="../ui/vehicles/entry_dialog.py" line="89"/>
        <source>– bitte wählen –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="98"/>
        <source>&amp;keine Angabe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="99"/>
        <source>T&amp;1 – ohne Papier-Serviceheft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="100"/>
        <source>T&amp;2 – Papier-Serviceheft vorhanden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="106"/>
        <source>z. B. 249,90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="111"/>
        <source>Bitte keine persönlichen Daten eintragen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="116"/>
        <source>&amp;Datei hinzufügen …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="118"/>
        <source>Datei &amp;entfernen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="127"/>
        <source>D&amp;atum *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="128"/>
        <source>A&amp;rt *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="129"/>
        <source>Durchgeführt &amp;von *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="130"/>
        <source>&amp;Kilometerstand *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="137"/>
        <source>&amp;T-Stufe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="138"/>
        <source>Ko&amp;sten (€)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="139"/>
        <source>&amp;Bemerkung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="149"/>
        <source>Anhänge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="151"/>
        <source>Pflichtfelder sind mit * markiert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="155"/>
        <source>&amp;Speichern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="159"/>
        <source>Abbrechen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="223"/>
        <source>Nachweise hinzufügen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/entry_dialog.py" line="293"/>
        <source>Bitte prüfen Sie: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MasterDataTab</name>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="77"/>
        <source>Stammdaten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="82"/>
        <source>Spitzname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="83"/>
        <source>Marke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="84"/>
        <source>Modell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="85"/>
        <source>Baujahr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="86"/>
        <source>Fahrzeugklasse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="87"/>
        <source>Motor/Antrieb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="88"/>
        <source>FIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="89"/>
        <source>Sammlung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="90"/>
        <source>Unfallstatus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="96"/>
        <source>Stammdaten &amp;bearbeiten …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="98"/>
        <source>Öffentlicher QR-Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="101"/>
        <source>Der öffentliche QR-Code (anzeigen, Aufkleber drucken, erneuern, deaktivieren) erscheint hier.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetryDialog</name>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="122"/>
        <source>Ändern und erneut senden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="135"/>
        <source>Diese Änderung hat keine Angaben, die hier korrigiert werden können.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="140"/>
        <source>Erneut &amp;senden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="142"/>
        <source>Abbrechen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProblemsPanel</name>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="169"/>
        <location filename="../ui/sync/problems_panel.py" line="189"/>
        <source>Sync-Probleme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="174"/>
        <source>Diese Änderungen hat der Server nicht übernommen. Ihre Eingaben sind hier gespeichert: Sie können sie ändern und erneut senden oder verwerfen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="195"/>
        <source>Keine Sync-Probleme. Alle Änderungen wurden übernommen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="197"/>
        <source>Ändern und &amp;erneut senden …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="199"/>
        <source>&amp;Verwerfen …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="200"/>
        <source>&amp;Schließen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="265"/>
        <source>Änderung verwerfen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/problems_panel.py" line="266"/>
        <source>Diese Änderung endgültig verwerfen? Sie wird nicht mehr an den Server gesendet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProgressWidget</name>
    <message>
        <location filename="../ui/sync/progress.py" line="21"/>
        <source>Abbrechen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="23"/>
        <source>Synchronisation abbrechen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="46"/>
        <location filename="../ui/sync/progress.py" line="59"/>
        <source>Synchronisiere …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="53"/>
        <source>Verbinde …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="54"/>
        <source>Lade Nachweise hoch …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="55"/>
        <source>Sende Änderungen …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="56"/>
        <source>Empfange Änderungen …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="57"/>
        <source>Vollständiger Abgleich …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="69"/>
        <source>Synchronisiert – {n} Änderung(en) abgelehnt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="71"/>
        <source>Synchronisiert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="76"/>
        <source>Synchronisation abgebrochen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="78"/>
        <source>Synchronisation fehlgeschlagen: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/sync/progress.py" line="82"/>
        <source>⚠ {n} Sync-Problem(e)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrustPanel</name>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="34"/>
        <source>noch nicht bestätigt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="37"/>
        <source>Lokale Änderungen sind noch nicht synchronisiert. Angezeigt wird der letzte Stand des Servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="46"/>
        <location filename="../ui/vehicles/trust_panel.py" line="64"/>
        <source>Gründe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="48"/>
        <location filename="../ui/vehicles/trust_panel.py" line="97"/>
        <location filename="../ui/vehicles/trust_panel.py" line="126"/>
        <source>To-dos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="92"/>
        <source>Noch keine Bewertung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="94"/>
        <source>Die Trust-Stufe berechnet der Server. Sie erscheint nach der nächsten Synchronisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="102"/>
        <source>Trust-Ampel: {light}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="109"/>
        <source>Unfallstatus: {a} · Historie: {h} · Nachweise: {e} · Höchste T-Stufe: {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="120"/>
        <source>Keine Einschränkungen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="126"/>
        <source>To-dos (Top 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="132"/>
        <source>Keine offenen To-dos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="135"/>
        <source>vorhanden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/trust_panel.py" line="135"/>
        <source>nicht vorhanden</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VehicleDialog</name>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="31"/>
        <source>Neues Fahrzeug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="31"/>
        <source>Fahrzeugdaten bearbeiten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="36"/>
        <source>11 bis 17 Zeichen, ohne I, O und Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="45"/>
        <source>– bitte wählen –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="51"/>
        <source>z. B. Sammlung A, Flotte Nord</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="63"/>
        <source>&amp;FIN *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="65"/>
        <source>FIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="67"/>
        <source>&amp;Spitzname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="68"/>
        <source>&amp;Marke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="69"/>
        <source>M&amp;odell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="70"/>
        <source>&amp;Baujahr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="71"/>
        <source>Fahrzeug&amp;klasse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="72"/>
        <source>Motor/&amp;Antrieb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="73"/>
        <source>Samm&amp;lung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="74"/>
        <source>&amp;Unfallstatus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="79"/>
        <source>Felder mit * sind Pflicht. {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="84"/>
        <source>&amp;Speichern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="86"/>
        <source>Abbrechen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_dialog.py" line="127"/>
        <source>Bitte eine gültige FIN eingeben: 11 bis 17 Buchstaben und Ziffern, ohne I, O und Q.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VehicleFileView</name>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="258"/>
        <source>← &amp;Alle Fahrzeuge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="268"/>
        <source>● Nicht synchronisiert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="275"/>
        <source>&amp;Fahrzeug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="276"/>
        <source>&amp;Eintragungen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="277"/>
        <source>&amp;Trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="330"/>
        <source>FIN {vin}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/vehicle_file.py" line="334"/>
        <source>Trust: {light}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VehicleListView</name>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="52"/>
        <source>Meine Fahrzeuge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="57"/>
        <source>Suchen nach Name, Marke, Modell, FIN …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="59"/>
        <source>Fahrzeuge suchen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="62"/>
        <source>&amp;Sammlung:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="67"/>
        <source>&amp;Neues Fahrzeug …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="69"/>
        <source>Neues Fahrzeug anlegen (Strg+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="84"/>
        <source>Fahrzeugliste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="98"/>
        <source>Noch keine Fahrzeuge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="100"/>
        <source>Legen Sie Ihr Fahrzeug mit der FIN an (Strg+N). Danach können Sie Eintragungen und Nachweise erfassen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="152"/>
        <source>Die Fahrzeuge konnten nicht geladen werden: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="161"/>
        <source>Alle Fahrzeuge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="180"/>
        <source>{n} Fahrzeuge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="180"/>
        <source>1 Fahrzeug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/vehicles/list_view.py" line="182"/>
        <source>{shown} von {n} Fahrzeugen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VehiclesWorkspace</name>
    <message>
        <location filename="../ui/vehicles/workspace.py" line="70"/>
        <source>Fehler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
