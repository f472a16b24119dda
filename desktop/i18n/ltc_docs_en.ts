<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DocsTexts</name>
    <message>
        <location filename="../ui/documents/texts.py" line="28"/>
        <source>in Prüfung</source>
        <extracomment>``QCoreApplication.translate`` under the short name that pyside6-lupdate also recognises.</extracomment>
        <translation>in review</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="29"/>
        <source>freigegeben</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="30"/>
        <source>abgelehnt</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="31"/>
        <source>Datenschutz-Prüfung</source>
        <translation>Privacy review</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="37"/>
        <source>Das Dokument wird geprüft (Virenscan und Freigabe). Es zählt erst nach der Freigabe.</source>
        <translation>The document is being checked (virus scan and approval). It counts only once it is approved.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="40"/>
        <source>Das Dokument ist geprüft und zählt als Nachweis.</source>
        <translation>The document has been checked and counts as evidence.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="41"/>
        <source>Das Dokument wurde abgelehnt. Bitte laden Sie bei Bedarf eine neue Datei hoch.</source>
        <translation>The document was rejected. Please upload a new file if needed.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="44"/>
        <source>Im Dokument wurden persönliche Daten vermutet. Bitte laden Sie eine bereinigte Fassung hoch.</source>
        <translation>The document seems to contain personal data. Please upload a redacted version.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="55"/>
        <source>Die Virenprüfung hat Schadsoftware gefunden; das Dokument wurde automatisch abgelehnt.</source>
        <translation>The virus scan found malware; the document was rejected automatically.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="59"/>
        <source>Begründung der Prüfung: „{reason}“</source>
        <translation>Reason given by the review: “{reason}”</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="60"/>
        <source>Bei der Prüfung wurde kein Grund angegeben.</source>
        <translation>No reason was given by the review.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="75"/>
        <source>„{name}“ wurde abgelehnt. {reason}</source>
        <translation>“{name}” was rejected. {reason}</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="82"/>
        <source>Archiv</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="83"/>
        <source>Rechnungen</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="84"/>
        <source>Dokumentation</source>
        <translation>Documentation</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="85"/>
        <source>Zertifikate/Exporte</source>
        <translation>Certificates/Exports</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="86"/>
        <source>Galerie</source>
        <translation>Gallery</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="93"/>
        <source>„{name}“ ist zu groß: höchstens 20 MB pro Datei.</source>
        <translation>“{name}” is too large: at most 20 MB per file.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="95"/>
        <source>„{name}“ ist kein erlaubter Dateityp: nur PDF, JPEG und PNG.</source>
        <translation>“{name}” is not an allowed file type: PDF, JPEG and PNG only.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="98"/>
        <source>„{name}“ konnte nicht gelesen werden.</source>
        <translation>“{name}” could not be read.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="107"/>
        <source>Diese Zusatzfunktion ist für neue Fahrzeuge derzeit nicht verfügbar. Bestehende Ordner bleiben nutzbar.</source>
        <translation>This add-on is currently not available for new vehicles. Existing folders remain usable.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="111"/>
        <source>Diese Zusatzfunktion kann nur von einem Administrator aktiviert werden.</source>
        <translation>Only an administrator can enable this add-on.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="114"/>
        <source>Diese Zusatzfunktion ist kostenpflichtig. Bitte schalten Sie sie für Ihr Konto frei und versuchen Sie es erneut.</source>
        <translation>This add-on is a paid feature. Please unlock it for your account and try again.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="119"/>
        <source>Ein Ordner mit diesem Titel existiert für das Fahrzeug bereits.</source>
        <translation>A folder with this title already exists for this vehicle.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="125"/>
        <source>Die Änderung wurde vom Server abgelehnt ({code}).</source>
        <translation>The server rejected the change ({code}).</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="132"/>
        <source>In diesem Bild wurde kein LifeTimeCircle-QR-Code gefunden. Bitte ein schärferes Foto verwenden.</source>
        <translation>No LifeTimeCircle QR code was found in this image. Please use a sharper photo.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="137"/>
        <source>Der Code ist unvollständig. Bitte den Code vom Aufkleber vollständig eingeben.</source>
        <translation>The code is incomplete. Please enter the full code from the sticker.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="141"/>
        <source>Ihr Konto gehört zu keiner freigegebenen Werkstatt. Bitte legen Sie zuerst eine Werkstatt an.</source>
        <translation>Your account does not belong to an approved workshop. Please register a workshop first.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="147"/>
        <source>Zu diesem Code gibt es kein Fahrzeug. Der Aufkleber ist ungültig oder wurde ersetzt.</source>
        <translation>There is no vehicle for this code. The sticker is invalid or has been replaced.</translation>
    </message>
    <message>
        <location filename="../ui/documents/texts.py" line="151"/>
        <source>Dafür fehlt Ihnen die Berechtigung.</source>
        <translation>You do not have permission to do this.</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../ui/documents/viewer.py" line="29"/>
        <source>Dokument: {name}</source>
        <translation>Document: {name}</translation>
    </message>
    <message>
        <location filename="../ui/documents/viewer.py" line="51"/>
        <source>Vergrößern (+)</source>
        <translation>Zoom in (+)</translation>
    </message>
    <message>
        <location filename="../ui/documents/viewer.py" line="52"/>
        <source>Verkleinern (−)</source>
        <translation>Zoom out (−)</translation>
    </message>
    <message>
        <location filename="../ui/documents/viewer.py" line="53"/>
        <source>&amp;Einpassen</source>
        <translation>&amp;Fit</translation>
    </message>
    <message>
        <location filename="../ui/documents/viewer.py" line="62"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../ui/documents/viewer.py" line="80"/>
        <source>Der Inhalt liegt nicht auf diesem Computer. Er wird nach der Freigabe beim nächsten Abgleich geladen.</source>
        <translation>The content is not on this computer. It is downloaded with the next sync once it is approved.</translation>
    </message>
    <message>
        <location filename="../ui/documents/viewer.py" line="99"/>
        <source>Das Dokument kann nicht angezeigt werden.</source>
        <translation>The document cannot be displayed.</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="87"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="87"/>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="87"/>
        <source>Größe</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="87"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="100"/>
        <source>nicht synchronisiert</source>
        <translation>not synced</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="102"/>
        <source>Bild</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="109"/>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="163"/>
        <location filename="../ui/documents/documents_tab.py" line="209"/>
        <source>Dokumente</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="167"/>
        <source>Bitte nur passende Nachweise hochladen (Rechnung, Prüfbericht, Foto der Arbeit) – PDF, JPEG oder PNG bis 20 MB. Dateien können auch hierher gezogen werden.</source>
        <translation>Please upload fitting evidence only (invoice, inspection report, photo of the work) – PDF, JPEG or PNG up to 20 MB. You can also drop files here.</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="174"/>
        <source>Datei hinzufü&amp;gen …</source>
        <translation>&amp;Upload file …</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="176"/>
        <source>Dateien auswählen (Strg+O)</source>
        <translation>Choose files (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="177"/>
        <source>A&amp;nzeigen</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="185"/>
        <source>Ordner</source>
        <translation>Folders</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="226"/>
        <source>Galerie</source>
        <translation>Gallery</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="324"/>
        <source>Zertifikate und Exporte erscheinen hier, sobald Sie sie erstellen.</source>
        <translation>Certificates and exports appear here once you create them.</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="326"/>
        <source>Noch keine Dokumente in „{folder}“.</source>
        <translation>No documents in “{folder}” yet.</translation>
    </message>
    <message>
        <location filename="../ui/documents/documents_tab.py" line="371"/>
        <source>Dateien hinzufügen</source>
        <translation>Add files</translation>
    </message>
</context>
<context>
    <name>QrPanel</name>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="84"/>
        <source>Öffentlicher QR-Code</source>
        <translation>Public QR code</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="88"/>
        <source>Der QR-Code führt zum öffentlichen Nachweis-Check des Fahrzeugs. Er zeigt nur die Dokumentationsqualität, keine persönlichen Daten.</source>
        <translation>The QR code leads to the vehicle&apos;s public evidence check. It shows documentation quality only, no personal data.</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="106"/>
        <source>Öffentliche Adresse</source>
        <translation>Public address</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="109"/>
        <source>A4-Bogen (10 Aufkleber)</source>
        <translation>A4 sheet (10 stickers)</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="110"/>
        <source>Einzelnes Etikett 90 × 55 mm</source>
        <translation>Single label 90 × 55 mm</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="111"/>
        <source>Aufkleber-Format</source>
        <translation>Sticker format</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="112"/>
        <source>For&amp;mat:</source>
        <translation>Fo&amp;rmat:</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="114"/>
        <source>Aufkleber d&amp;rucken …</source>
        <translation>&amp;Print stickers …</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="116"/>
        <source>Als &amp;PDF speichern …</source>
        <translation>E&amp;xport as PDF …</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="117"/>
        <source>&amp;Neuen Code erzeugen …</source>
        <translation>Create &amp;new code …</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="118"/>
        <source>Öffentliche Seite deakt&amp;ivieren …</source>
        <translation>Disa&amp;ble public page …</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="126"/>
        <source>Code zum Eintippen</source>
        <translation>Code for typing</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="189"/>
        <source>Wird geladen …</source>
        <translation>Loading …</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="190"/>
        <source>Der QR-Code wird vom Server geladen (nur online möglich).</source>
        <translation>The QR code is loaded from the server (online only).</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="196"/>
        <source>Deaktiviert</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="198"/>
        <source>Die öffentliche Seite ist deaktiviert. „Neuen Code erzeugen“ schaltet sie wieder ein.</source>
        <translation>The public page is disabled. “Create new code” turns it on again.</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="206"/>
        <source>QR-Code für {url}</source>
        <translation>QR code for {url}</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="207"/>
        <source>Die öffentliche Seite ist aktiv.</source>
        <translation>The public page is active.</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="226"/>
        <source>Druckvorschau: QR-Aufkleber</source>
        <translation>Print preview: QR stickers</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="235"/>
        <source>QR-Aufkleber speichern</source>
        <translation>Save QR stickers</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="235"/>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="243"/>
        <source>Neuen Code erzeugen</source>
        <translation>Create new code</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="245"/>
        <source>Alle bisher gedruckten Aufkleber funktionieren danach nicht mehr. Sie müssen die neuen Aufkleber drucken und die alten ersetzen.

Neuen Code jetzt erzeugen?</source>
        <translation>All stickers printed so far will stop working. You will have to print the new stickers and replace the old ones.

Create a new code now?</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="257"/>
        <source>Öffentliche Seite deaktivieren</source>
        <translation>Disable public page</translation>
    </message>
    <message>
        <location filename="../ui/qr/qr_panel.py" line="259"/>
        <source>Der QR-Code führt danach zu keiner Seite mehr; gedruckte Aufkleber zeigen „nicht gültig“. Mit „Neuen Code erzeugen“ lässt sich die Seite später wieder einschalten.

Jetzt deaktivieren?</source>
        <translation>The QR code will no longer lead to a page; printed stickers will show “not valid”. You can switch the page on again later with “Create new code”.

Disable now?</translation>
    </message>
</context>
<context>
    <name>QrSticker</name>
    <message>
        <location filename="../services/qr_sticker.py" line="152"/>
        <source>Fahrzeug</source>
        <extracomment>``QCoreApplication.translate`` under the short name that pyside6-lupdate also recognises.</extracomment>
        <translation>Vehicle</translation>
    </message>
    <message>
        <location filename="../services/qr_sticker.py" line="157"/>
        <source>Nachweis-Check: QR-Code scannen</source>
        <translation>Evidence check: scan the QR code</translation>
    </message>
    <message>
        <location filename="../services/qr_sticker.py" line="158"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../services/qr_sticker.py" line="210"/>
        <source>QR-Aufkleber</source>
        <translation>QR sticker</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="56"/>
        <source>Abschnitt hinzufügen</source>
        <extracomment>shared.entries.PerformedBy with its SPEC §5.3 labels (translated in the ``Vehicles`` context).</extracomment>
        <translation>Add stage</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="59"/>
        <source>z. B. Karosserie, Lack, Motor, Innenraum</source>
        <translation>e.g. body, paint, engine, interior</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="69"/>
        <source>keine Angabe</source>
        <translation>not specified</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="70"/>
        <source>Meilenstein</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="75"/>
        <source>&amp;Titel:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="76"/>
        <source>&amp;Bereich:</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="77"/>
        <source>&amp;Datum:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="78"/>
        <source>Durchgeführt &amp;von:</source>
        <translation>Performed &amp;by:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="79"/>
        <source>&amp;Kosten (optional):</source>
        <translation>&amp;Cost (optional):</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="81"/>
        <source>Belege:</source>
        <translation>Receipts:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="82"/>
        <source>Bilder vorher:</source>
        <translation>Images before:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="83"/>
        <source>Bilder nachher:</source>
        <translation>Images after:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="84"/>
        <source>Datenpflege = bessere Trust-Stufe &amp; Verkaufswert</source>
        <translation>Data care = better trust level &amp; resale value</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="87"/>
        <source>Hinzufügen</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="88"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TrustFoldersTab</name>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="43"/>
        <source>Restaurierung</source>
        <translation>Restoration</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="44"/>
        <source>Oldtimer</source>
        <translation>Classic car</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="45"/>
        <source>Unfall</source>
        <translation>Accident</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="142"/>
        <location filename="../ui/folders/folders_tab.py" line="162"/>
        <source>Trust-Ordner</source>
        <translation>Trust folders</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="146"/>
        <source>Trust-Ordner sammeln Nachweise zu Restaurierung, Oldtimer-Historie oder Unfall – als nachvollziehbare Abschnitte mit Belegen und Vorher-/Nachher-Bildern.</source>
        <translation>Trust folders collect evidence of a restoration, a classic car&apos;s history or an accident – as traceable stages with receipts and before/after images.</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="156"/>
        <source>&amp;Neuer Ordner …</source>
        <translation>&amp;New folder …</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="157"/>
        <source>Abs&amp;chnitt hinzufügen …</source>
        <translation>Add sta&amp;ge …</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="167"/>
        <source>Abschnitt</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="167"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="167"/>
        <source>Durchgeführt von</source>
        <translation>Performed by</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="167"/>
        <source>Kosten</source>
        <translation>Cost</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="167"/>
        <source>Belege</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="170"/>
        <source>Abschnitte</source>
        <translation>Stages</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="219"/>
        <source>nicht synchronisiert</source>
        <translation>not synced</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="253"/>
        <location filename="../ui/folders/folders_tab.py" line="258"/>
        <source>Neuer Trust-Ordner</source>
        <translation>New trust folder</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="253"/>
        <source>Art des Ordners:</source>
        <translation>Kind of folder:</translation>
    </message>
    <message>
        <location filename="../ui/folders/folders_tab.py" line="258"/>
        <source>Titel des Ordners:</source>
        <translation>Folder title:</translation>
    </message>
</context>
<context>
    <name>WorkshopPage</name>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="30"/>
        <source>Bilder (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="44"/>
        <location filename="../ui/workshop/workshop_page.py" line="105"/>
        <source>Werkstatt</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="52"/>
        <source>Fahrzeug per QR-Code hinzufügen</source>
        <translation>Add vehicle by QR code</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="55"/>
        <source>Scannen Sie den QR-Aufkleber des Fahrzeugs oder tippen Sie den Code darunter ab. Der Halter erhält eine Anfrage und gibt den Zugriff in seiner App frei.</source>
        <translation>Scan the vehicle&apos;s QR sticker or type the code below it. The owner receives a request and grants access in the app.</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="60"/>
        <location filename="../ui/workshop/workshop_page.py" line="181"/>
        <source>Mit &amp;Kamera scannen</source>
        <translation>Scan with &amp;camera</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="61"/>
        <source>Aus &amp;Bilddatei lesen …</source>
        <translation>Read from &amp;image file …</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="71"/>
        <source>Code vom Aufkleber, z. B. AbCd EfGh …</source>
        <translation>Code from the sticker, e.g. AbCd EfGh …</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="72"/>
        <source>Code vom Aufkleber</source>
        <translation>Code from the sticker</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="73"/>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="75"/>
        <source>Zugriff &amp;anfragen</source>
        <translation>&amp;Request access</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="99"/>
        <source>Freigegebene Fahrzeuge und Anfragen</source>
        <translation>Granted vehicles and requests</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="101"/>
        <source>&amp;Aktualisieren</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="105"/>
        <source>Fahrzeug</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="105"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="105"/>
        <source>Gültig bis</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="112"/>
        <source>Freigegebene Fahrzeuge</source>
        <translation>Granted vehicles</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="148"/>
        <source>Halten Sie den Aufkleber ruhig vor die Kamera.</source>
        <translation>Hold the sticker still in front of the camera.</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="152"/>
        <source>Keine Kamera gefunden. Lesen Sie den Aufkleber aus einem Foto oder tippen Sie den Code ab.</source>
        <translation>No camera found. Read the sticker from a photo or type the code.</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="168"/>
        <source>Kamera startet …</source>
        <translation>Camera starting …</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="169"/>
        <source>&amp;Kamera beenden</source>
        <translation>Stop &amp;camera</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="173"/>
        <source>Die Kamera konnte nicht gestartet werden.</source>
        <translation>The camera could not be started.</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="207"/>
        <source>Foto des Aufklebers wählen</source>
        <translation>Choose a photo of the sticker</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="234"/>
        <source>Die Anfrage wurde gesendet. Sobald der Halter zustimmt, erscheint das Fahrzeug in der Liste.</source>
        <translation>The request was sent. The vehicle appears in the list once the owner agrees.</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="246"/>
        <source>angefragt</source>
        <translation>requested</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="247"/>
        <location filename="../ui/workshop/workshop_page.py" line="248"/>
        <source>freigegeben</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="249"/>
        <source>abgelehnt</source>
        <translation>denied</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="250"/>
        <source>widerrufen</source>
        <translation>revoked</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="251"/>
        <source>abgelaufen</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../ui/workshop/workshop_page.py" line="266"/>
        <source>(noch nicht freigegeben)</source>
        <translation>(not granted yet)</translation>
    </message>
</context>
</TS>
