<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de">
<context>
    <name>AppStatusBar</name>
    <message>
        <location filename="../ui/widgets/status_bar.py" line="29"/>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../ui/widgets/status_bar.py" line="31"/>
        <source>● Nicht angemeldet</source>
        <translation>● Not signed in</translation>
    </message>
    <message>
        <location filename="../ui/widgets/status_bar.py" line="33"/>
        <source>● Offline – Änderungen werden später übertragen</source>
        <translation>● Offline – changes will be sent later</translation>
    </message>
    <message>
        <location filename="../ui/widgets/status_bar.py" line="40"/>
        <source>Zuletzt synchronisiert: {when}</source>
        <translation>Last synced: {when}</translation>
    </message>
    <message>
        <location filename="../ui/widgets/status_bar.py" line="42"/>
        <source>Keine ausstehenden Änderungen</source>
        <translation>No pending changes</translation>
    </message>
    <message>
        <location filename="../ui/widgets/status_bar.py" line="44"/>
        <source>Ausstehende Änderungen: {n}</source>
        <translation>Pending changes: {n}</translation>
    </message>
    <message>
        <location filename="../ui/widgets/status_bar.py" line="48"/>
        <source>noch nie</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>BrandPanel</name>
    <message>
        <location filename="../ui/widgets/common.py" line="22"/>
        <source>Das digitale, nachprüfbare Serviceheft für Ihre Fahrzeuge.</source>
        <translation>The digital, verifiable service book for your vehicles.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../ui/dialogs/consent.py" line="105"/>
        <source>Zustimmung erforderlich</source>
        <translation>Consent required</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/consent.py" line="112"/>
        <source>Die Nutzungsbedingungen oder der Datenschutz wurden geändert. Bis zu Ihrer Zustimmung wird nicht synchronisiert.</source>
        <translation>The terms of use or the privacy policy have changed. Nothing is synchronised until you agree.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/consent.py" line="121"/>
        <source>Programm beenden</source>
        <translation>Quit the program</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <location filename="../ui/dialogs/consent.py" line="40"/>
        <source>Nutzungsbedingungen und Datenschutz</source>
        <translation>Terms of use and privacy</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/consent.py" line="42"/>
        <source>Bitte lesen und bestätigen Sie beide Dokumente, um fortzufahren.</source>
        <translation>Please read and confirm both documents to continue.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/consent.py" line="51"/>
        <source>Zustimmen und fortfahren</source>
        <translation>Agree and continue</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/consent.py" line="72"/>
        <source>Ich akzeptiere die Nutzungsbedingungen (Version {v}).</source>
        <translation>I accept the terms of use (version {v}).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/consent.py" line="74"/>
        <source>Ich habe die Datenschutzerklärung gelesen (Version {v}).</source>
        <translation>I have read the privacy policy (version {v}).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/consent.py" line="85"/>
        <source>&lt;h3&gt;Nutzungsbedingungen – Kurzfassung&lt;/h3&gt;&lt;p&gt;Das Service Heft dokumentiert Wartung und Reparaturen Ihrer Fahrzeuge. Einträge werden nie gelöscht, sondern nur durch neue Versionen berichtigt. Nachweise werden vor der Freigabe geprüft.&lt;/p&gt;&lt;h3&gt;Datenschutz – Kurzfassung&lt;/h3&gt;&lt;p&gt;Ihre Daten liegen verschlüsselt auf diesem Computer und auf dem Server Ihres Betreibers. Die öffentliche QR-Seite zeigt nie Ihren Namen, Ihre E-Mail-Adresse oder die vollständige FIN.&lt;/p&gt;&lt;p&gt;Die vollständigen Texte erhalten Sie beim Betreiber Ihres Servers.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Terms of use – summary&lt;/h3&gt;&lt;p&gt;The Service Heft records the maintenance and repairs of your vehicles. Entries are never deleted, only corrected by new versions. Evidence is checked before it is approved.&lt;/p&gt;&lt;h3&gt;Privacy – summary&lt;/h3&gt;&lt;p&gt;Your data is stored encrypted on this computer and on your operator&apos;s server. The public QR page never shows your name, your e-mail address or the full VIN.&lt;/p&gt;&lt;p&gt;Your server&apos;s operator provides the full texts.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="61"/>
        <source>LifeTimeCircle Service Heft</source>
        <translation>LifeTimeCircle Service Heft</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="100"/>
        <source>&amp;Datei</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="101"/>
        <source>&amp;Einstellungen …</source>
        <translation>&amp;Settings …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="104"/>
        <source>&amp;Beenden</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="111"/>
        <source>&amp;Konto</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="112"/>
        <source>&amp;Anmelden …</source>
        <translation>&amp;Sign in …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="114"/>
        <source>A&amp;bmelden</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="116"/>
        <source>&amp;Verbindung prüfen</source>
        <translation>&amp;Check connection</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="123"/>
        <source>Admin-&amp;Modus …</source>
        <translation>Admin &amp;mode …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="129"/>
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="130"/>
        <source>Ü&amp;ber Service Heft</source>
        <translation>&amp;About Service Heft</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="137"/>
        <source>&amp;Fahrzeug</source>
        <translation>&amp;Vehicle</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="138"/>
        <source>&amp;Synchronisation</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="142"/>
        <source>&amp;Neues Fahrzeug …</source>
        <translation>&amp;New vehicle …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="143"/>
        <source>Neue &amp;Eintragung …</source>
        <translation>New &amp;entry …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="144"/>
        <source>Fahrzeug &amp;suchen</source>
        <translation>&amp;Search vehicles</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="145"/>
        <source>&amp;Alle Fahrzeuge</source>
        <translation>&amp;All vehicles</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="147"/>
        <source>Sammlungen &amp;verwalten …</source>
        <translation>Manage &amp;collections …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="149"/>
        <source>&amp;Jetzt synchronisieren</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="150"/>
        <source>Synchronisation &amp;abbrechen</source>
        <translation>&amp;Cancel sync</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="152"/>
        <source>Sync-&amp;Probleme …</source>
        <translation>Sync &amp;problems …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="154"/>
        <source>&amp;Werkstatt</source>
        <translation>&amp;Workshop</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="157"/>
        <source>Fahrzeug per &amp;QR-Code hinzufügen …</source>
        <translation>Add vehicle by &amp;QR code …</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="160"/>
        <source>Für Werkstätten: Zugriff auf ein Kundenfahrzeug per QR-Aufkleber anfragen</source>
        <translation>For workshops: request access to a customer&apos;s vehicle by its QR sticker</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="245"/>
        <source>Werkstatt – Fahrzeug per QR-Code hinzufügen</source>
        <translation>Workshop – add a vehicle by QR code</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="310"/>
        <source>Über Service Heft</source>
        <translation>About Service Heft</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="311"/>
        <source>LifeTimeCircle Service Heft {version}
Das digitale, nachprüfbare Serviceheft.</source>
        <translation>LifeTimeCircle Service Heft {version}
The digital, verifiable service book.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../ui/messages.py" line="30"/>
        <source>Das Passwort muss mindestens 10 Zeichen lang sein.</source>
        <translation>The password must be at least 10 characters long.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="32"/>
        <source>Das Passwort darf nicht Ihre E-Mail-Adresse sein.</source>
        <translation>The password must not be your e-mail address.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="33"/>
        <source>Die beiden Passwörter stimmen nicht überein.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="35"/>
        <source>Bitte eine gültige Server-Adresse eingeben, z. B. https://service.example.de.</source>
        <translation>Please enter a valid server address, e.g. https://service.example.com.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="39"/>
        <source>Das Passwort ist falsch. Bitte erneut versuchen.</source>
        <translation>The password is wrong. Please try again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="41"/>
        <source>Auf diesem Computer gibt es bereits einen Tresor mit einem anderen Passwort. Bitte das bisherige Passwort verwenden.</source>
        <translation>This computer already holds a vault with a different password. Please use the previous password.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="47"/>
        <source>Der lokale Tresor ist beschädigt oder unvollständig.</source>
        <translation>The local vault is damaged or incomplete.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="49"/>
        <source>Der Code ist abgelaufen. Bitte einen neuen Code anfordern.</source>
        <translation>The code has expired. Please request a new code.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="51"/>
        <source>Der Code ist falsch. Bitte prüfen Sie die E-Mail und versuchen Sie es erneut.</source>
        <translation>The code is wrong. Please check the e-mail and try again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="55"/>
        <source>Zu viele falsche Codes. Bitte fordern Sie einen neuen Code an.</source>
        <translation>Too many wrong codes. Please request a new code.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="57"/>
        <source>Zu viele Versuche. Bitte warten Sie einige Minuten.</source>
        <translation>Too many attempts. Please wait a few minutes.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="59"/>
        <source>E-Mail-Adresse oder Passwort ist falsch.</source>
        <translation>E-mail address or password is wrong.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="61"/>
        <source>Für dieses Konto ist ein Bestätigungscode aus der Authenticator-App nötig.</source>
        <translation>This account needs a confirmation code from the authenticator app.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="65"/>
        <source>Der Server lehnt das Passwort ab: mindestens 10 Zeichen und nicht die E-Mail-Adresse.</source>
        <translation>The server refuses the password: at least 10 characters and not the e-mail address.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="69"/>
        <source>Bitte stimmen Sie den aktuellen Nutzungsbedingungen und dem Datenschutz zu.</source>
        <translation>Please agree to the current terms of use and privacy policy.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="73"/>
        <source>Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.</source>
        <translation>Your session has expired. Please sign in again.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="75"/>
        <source>Der Server ist nicht erreichbar. Bitte Adresse und Verbindung prüfen.</source>
        <translation>The server cannot be reached. Please check the address and the connection.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="79"/>
        <source>Der Server hat einen Fehler gemeldet. Bitte später erneut versuchen.</source>
        <translation>The server reported an error. Please try again later.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="83"/>
        <source>Die Anfrage wurde abgelehnt ({code}).</source>
        <translation>The request was refused ({code}).</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="86"/>
        <source>Ein unerwarteter Fehler ist aufgetreten.</source>
        <translation>An unexpected error occurred.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../settings.py" line="65"/>
        <source>Server-Adresse</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../settings.py" line="66"/>
        <source>Sprache</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../settings.py" line="68"/>
        <source>Tresor-Schlüssel im Schlüsselbund merken</source>
        <translation>Remember the vault key in the keyring</translation>
    </message>
    <message>
        <location filename="../settings.py" line="70"/>
        <source>Datenordner</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../settings.py" line="75"/>
        <source>Synchronisieren alle (Minuten)</source>
        <translation>Synchronise every (minutes)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="38"/>
        <location filename="../ui/dialogs/settings_dialog.py" line="81"/>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="44"/>
        <source>Systemsprache</source>
        <translation>System language</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="47"/>
        <source>Beim Start ohne Passwort öffnen</source>
        <translation>Open without a password at start-up</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="52"/>
        <source>Nicht verfügbar: kein sicherer Schlüsselbund auf diesem Computer</source>
        <translation>Not available: no secure keyring on this computer</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="54"/>
        <source>Standardordner</source>
        <translation>Default folder</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="55"/>
        <source>Durchsuchen…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="63"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="71"/>
        <source>Änderungen an Sprache und Datenordner werden nach einem Neustart wirksam.</source>
        <translation>Changes to the language and the data folder take effect after a restart.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settings_dialog.py" line="102"/>
        <source>Datenordner wählen</source>
        <translation>Choose the data folder</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="66"/>
        <source>Anmeldung – LifeTimeCircle Service Heft</source>
        <translation>Sign in – LifeTimeCircle Service Heft</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="69"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="69"/>
        <source>E-Mail und Code</source>
        <translation>E-mail and code</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="69"/>
        <location filename="../ui/dialogs/sign_in.py" line="162"/>
        <source>Passwort</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="69"/>
        <source>Einwilligung</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="80"/>
        <location filename="../ui/dialogs/sign_in.py" line="232"/>
        <source>Weiter</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="83"/>
        <source>Zurück</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="84"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="126"/>
        <source>Willkommen</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="128"/>
        <source>Mit welchem Server soll Ihr Service Heft synchronisiert werden? Die Adresse erhalten Sie von Ihrem Betreiber.</source>
        <translation>Which server should your Service Heft synchronise with? Your operator gives you the address.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="134"/>
        <source>Server-Adresse</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="135"/>
        <source>Server-&amp;Adresse</source>
        <translation>Server &amp;address</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="142"/>
        <source>Anmelden oder registrieren</source>
        <translation>Sign in or register</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="144"/>
        <source>Neu hier? Wir senden Ihnen einen Code per E-Mail. Mit einem bestehenden Konto können Sie sich auch mit Ihrem Passwort anmelden.</source>
        <translation>New here? We send you a code by e-mail. With an existing account you can also sign in with your password.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="150"/>
        <source>E-Mail-Adresse</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="151"/>
        <source>&amp;E-Mail-Adresse</source>
        <translation>&amp;E-mail address</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="152"/>
        <source>Code per E-Mail senden (auch für neue Konten)</source>
        <translation>Send a code by e-mail (also for new accounts)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="153"/>
        <source>Mit Passwort anmelden</source>
        <translation>Sign in with a password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="163"/>
        <source>&amp;Passwort</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="171"/>
        <source>Code eingeben</source>
        <translation>Enter the code</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="177"/>
        <source>Code aus der E-Mail</source>
        <translation>Code from the e-mail</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="178"/>
        <source>&amp;Code</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="179"/>
        <source>Neuen Code senden</source>
        <translation>Send a new code</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="192"/>
        <source>Passwort festlegen</source>
        <translation>Set your password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="194"/>
        <source>Mit diesem Passwort melden Sie sich künftig an. Es verschlüsselt auch den Tresor mit Ihren Daten auf diesem Computer: Bitte gut merken. Mindestens 10 Zeichen, nicht Ihre E-Mail-Adresse.</source>
        <translation>You will sign in with this password from now on. It also encrypts the vault with your data on this computer: please remember it well. At least 10 characters, not your e-mail address.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="200"/>
        <source>Neues Passwort</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="203"/>
        <source>Passwort wiederholen</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="204"/>
        <source>&amp;Neues Passwort</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="205"/>
        <source>Passwort &amp;wiederholen</source>
        <translation>&amp;Repeat the password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="206"/>
        <source>Tresor beim Start automatisch öffnen (Schlüssel im Schlüsselbund)</source>
        <translation>Open the vault automatically at start-up (key in the keyring)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="210"/>
        <source>Auf diesem Computer ist kein sicherer Schlüsselbund verfügbar.</source>
        <translation>No secure keyring is available on this computer.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="232"/>
        <source>Zustimmen und fertig</source>
        <translation>Agree and finish</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="267"/>
        <source>Bitte eine gültige E-Mail-Adresse eingeben.</source>
        <translation>Please enter a valid e-mail address.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="276"/>
        <source>Der Code hat 6 Ziffern.</source>
        <translation>The code has 6 digits.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="317"/>
        <source>Wir haben einen 6-stelligen Code an {email} gesendet. Er ist 10 Minuten gültig.</source>
        <translation>We sent a 6-digit code to {email}. It is valid for 10 minutes.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/sign_in.py" line="324"/>
        <source>Entwicklungsserver: Der Code lautet {code}.</source>
        <translation>Development server: the code is {code}.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="19"/>
        <source>Service Heft entsperren</source>
        <translation>Unlock Service Heft</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="25"/>
        <source>Willkommen zurück</source>
        <translation>Welcome back</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="27"/>
        <source>Bitte geben Sie Ihr Passwort ein, um Ihre Daten auf diesem Computer zu entsperren.</source>
        <translation>Please enter your password to unlock your data on this computer.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="30"/>
        <source>&amp;Passwort</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="33"/>
        <source>Passwort</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="37"/>
        <source>Entsperren</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="40"/>
        <source>Beenden</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/unlock.py" line="63"/>
        <source>Bitte Passwort eingeben.</source>
        <translation>Please enter your password.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../ui/app_main.py" line="124"/>
        <source>Fehler</source>
        <extracomment>Further translation catalogues of the app, loaded next to ``ltc`` (the vehicles, entries and sync views). Test hook of the start command: quit right after the first window is shown and print :data:`SHOWN_MARKER`.</extracomment>
        <translation>Error</translation>
    </message>
</context>
</TS>
