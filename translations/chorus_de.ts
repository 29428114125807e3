<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
  <context>
    <name>AppOptions</name>
    <message>
      <source>Chorus: a collaborative editor for text and code.</source>
      <translation>Chorus: ein gemeinsamer Editor für Text und Code.</translation>
    </message>
    <message>
      <source>Join a session, e.g. ws://host:1234/notes.</source>
      <translation>Einer Sitzung beitreten, z. B. ws://host:1234/notes.</translation>
    </message>
    <message>
      <source>Files to open.</source>
      <translation>Zu öffnende Dateien.</translation>
    </message>
  </context>
  <context>
    <name>AppSettings</name>
    <message>
      <source>Guest %1</source>
      <translation>Gast %1</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::ChatPanel</name>
    <message>
      <source>Send</source>
      <translation>Senden</translation>
    </message>
    <message>
      <source>Message everyone in the session</source>
      <translation>Nachricht an alle in der Sitzung</translation>
    </message>
    <message>
      <source>Join or host a session to chat.</source>
      <translation>Treten Sie einer Sitzung bei oder richten Sie eine ein, um zu chatten.</translation>
    </message>
    <message>
      <source>No messages yet. Say hello!</source>
      <translation>Noch keine Nachrichten. Sagen Sie Hallo!</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::Collaboration</name>
    <message>
      <source>Not authorised: %1</source>
      <translation>Nicht berechtigt: %1</translation>
    </message>
    <message>
      <source>Anonymous %1</source>
      <translation>Anonym %1</translation>
    </message>
    <message>
      <source>Connected</source>
      <translation>Verbunden</translation>
    </message>
    <message>
      <source>Connected — 1 edit not yet synced</source>
      <translation>Verbunden — 1 Änderung noch nicht abgeglichen</translation>
    </message>
    <message>
      <source>Connected — %1 edits not yet synced</source>
      <translation>Verbunden — %1 Änderungen noch nicht abgeglichen</translation>
    </message>
    <message>
      <source> (server without acknowledgements)</source>
      <translation> (Server ohne Bestätigungen)</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>Verbinde…</translation>
    </message>
    <message>
      <source>Syncing…</source>
      <translation>Gleiche ab…</translation>
    </message>
    <message>
      <source>Offline — 1 edit not yet synced</source>
      <translation>Offline — 1 Änderung noch nicht abgeglichen</translation>
    </message>
    <message>
      <source>Offline — %1 edits not yet synced</source>
      <translation>Offline — %1 Änderungen noch nicht abgeglichen</translation>
    </message>
    <message>
      <source> · reconnecting in %1 s</source>
      <translation> · neuer Versuch in %1 s</translation>
    </message>
    <message>
      <source>Reconnecting in %1 s</source>
      <translation>Neuer Verbindungsversuch in %1 s</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>The host has a different copy — choose which to keep</source>
      <translation>Der Host hat eine andere Fassung — wählen Sie, welche bleiben soll</translation>
    </message>
    <message>
      <source>Refused: the host&apos;s certificate does not match</source>
      <translation>Abgelehnt: Das Zertifikat des Hosts stimmt nicht überein</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::EditorTab</name>
    <message>
      <source>Untitled</source>
      <translation>Unbenannt</translation>
    </message>
    <message>
      <source>The document has no file name yet.</source>
      <translation>Das Dokument hat noch keinen Dateinamen.</translation>
    </message>
    <message>
      <source>%1 was deleted or moved on disk.</source>
      <translation>%1 wurde auf der Festplatte gelöscht oder verschoben.</translation>
    </message>
    <message>
      <source>%1 changed on disk and was reloaded.</source>
      <translation>%1 wurde auf der Festplatte geändert und neu geladen.</translation>
    </message>
    <message>
      <source>“%1” was created anew on the host since you last synced it (it may have been removed and shared again). Your copy and the host&apos;s are different documents now; nothing was merged. Which one do you want to keep?</source>
      <translation>„%1“ wurde auf dem Host neu angelegt, seit Sie es zuletzt abgeglichen haben (vielleicht wurde es entfernt und erneut geteilt). Ihre Fassung und die des Hosts sind jetzt verschiedene Dokumente; nichts wurde zusammengeführt. Welche möchten Sie behalten?</translation>
    </message>
    <message>
      <source>&amp;Merge Mine Into the Host&apos;s</source>
      <translation>Meine in die des Hosts &amp;einfügen</translation>
    </message>
    <message>
      <source>Use the &amp;Host&apos;s (Discard Mine)</source>
      <translation>Die des &amp;Hosts nehmen (meine verwerfen)</translation>
    </message>
    <message>
      <source>Not connected: the host&apos;s certificate does not match the one this document was shared with, so this may not be the computer you joined. Nothing was sent; your edits stay here.
Expected: %1
Presented: %2</source>
      <translation>Nicht verbunden: Das Zertifikat des Hosts stimmt nicht mit dem überein, mit dem dieses Dokument geteilt wurde; es ist also vielleicht nicht der Rechner, dem Sie beigetreten sind. Nichts wurde gesendet; Ihre Änderungen bleiben hier.
Erwartet: %1
Vorgelegt: %2</translation>
    </message>
    <message>
      <source>&amp;Try Again</source>
      <translation>&amp;Erneut versuchen</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::FindBar</name>
    <message>
      <source>Match case</source>
      <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
      <source>Whole words</source>
      <translation>Ganze Wörter</translation>
    </message>
    <message>
      <source>Regular expression</source>
      <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
      <source>Find</source>
      <translation>Suchen</translation>
    </message>
    <message>
      <source>Replace with</source>
      <translation>Ersetzen durch</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>Weiter</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>Zurück</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Schließen</translation>
    </message>
    <message>
      <source>Replace</source>
      <translation>Ersetzen</translation>
    </message>
    <message>
      <source>Replace All</source>
      <translation>Alle ersetzen</translation>
    </message>
    <message>
      <source>Search wrapped</source>
      <translation>Suche am Anfang fortgesetzt</translation>
    </message>
    <message>
      <source>Not found</source>
      <translation>Nicht gefunden</translation>
    </message>
    <message numerus="yes">
      <source>%n replacement(s)</source>
      <translation>
        <numerusform>%n Ersetzung</numerusform>
        <numerusform>%n Ersetzungen</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::HostDialog</name>
    <message>
      <source>Let people without the app join from a &amp;browser</source>
      <translation>Personen ohne die App über einen &amp;Browser teilnehmen lassen</translation>
    </message>
    <message>
      <source>Browser link:</source>
      <translation>Browser-Link:</translation>
    </message>
    <message>
      <source>None: web pages cannot connect (recommended)</source>
      <translation>Keine: Webseiten können sich nicht verbinden (empfohlen)</translation>
    </message>
    <message>
      <source>Web pages that may open this session from a browser, such as https://team.example, separated by spaces. The Chorus app itself always connects.</source>
      <translation>Webseiten, die diese Sitzung aus einem Browser öffnen dürfen, etwa https://team.example, durch Leerzeichen getrennt. Die Chorus-App selbst verbindet sich immer.</translation>
    </message>
    <message>
      <source>Allowed &amp;web pages:</source>
      <translation>Erlaubte &amp;Webseiten:</translation>
    </message>
    <message>
      <source>“%1” is not a web page's origin: write it as https://host or http://host:port.</source>
      <translation>„%1“ ist kein Ursprung einer Webseite: schreiben Sie https://host oder http://host:port.</translation>
    </message>
    <message>
      <source>Encrypt with TLS (the invite link carries the certificate's fingerprint)</source>
      <translation>Mit TLS verschlüsseln (der Einladungslink enthält den Fingerabdruck des Zertifikats)</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Kopieren</translation>
    </message>
    <message>
      <source>&amp;Start Hosting</source>
      <translation>Sitzung &amp;starten</translation>
    </message>
    <message>
      <source>S&amp;top Hosting</source>
      <translation>Sitzung &amp;beenden</translation>
    </message>
    <message>
      <source>Host a Session</source>
      <translation>Sitzung bereitstellen</translation>
    </message>
    <message>
      <source>This computer only</source>
      <translation>Nur dieser Computer</translation>
    </message>
    <message>
      <source>Local network</source>
      <translation>Lokales Netzwerk</translation>
    </message>
    <message>
      <source>Empty: anyone who can reach the port may edit</source>
      <translation>Leer: jeder, der den Port erreicht, darf bearbeiten</translation>
    </message>
    <message>
      <source>Optional: guests with it may only read</source>
      <translation>Optional: Gäste damit dürfen nur lesen</translation>
    </message>
    <message>
      <source>No open documents: share them later with Session → Add Current Document.</source>
      <translation>Keine offenen Dokumente: später mit Sitzung → Aktuelles Dokument hinzufügen teilen.</translation>
    </message>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
      <source>Data Folder</source>
      <translation>Datenordner</translation>
    </message>
    <message>
      <source>&amp;Port:</source>
      <translation>&amp;Port:</translation>
    </message>
    <message>
      <source>&amp;Who can join:</source>
      <translation>&amp;Wer beitreten kann:</translation>
    </message>
    <message>
      <source>Pass&amp;word:</source>
      <translation>Pass&amp;wort:</translation>
    </message>
    <message>
      <source>&amp;Read-only password:</source>
      <translation>Passwort für &amp;Lesezugriff:</translation>
    </message>
    <message>
      <source>&amp;Documents to share:</source>
      <translation>Zu teilende &amp;Dokumente:</translation>
    </message>
    <message>
      <source>Data &amp;folder:</source>
      <translation>Daten&amp;ordner:</translation>
    </message>
    <message>
      <source>Invite link:</source>
      <translation>Einladungslink:</translation>
    </message>
    <message>
      <source>Copied. Send the link, and the password separately.</source>
      <translation>Kopiert. Senden Sie den Link und das Passwort getrennt.</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>Starte…</translation>
    </message>
    <message>
      <source>Could not start hosting: %1</source>
      <translation>Die Sitzung konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
      <source>Hosting on port %1 without encryption.</source>
      <translation>Sitzung läuft auf Port %1 ohne Verschlüsselung.</translation>
    </message>
    <message>
      <source>Hosting on port %1. Certificate fingerprint (SHA-256): %2</source>
      <translation>Sitzung läuft auf Port %1. Fingerabdruck des Zertifikats (SHA-256): %2</translation>
    </message>
    <message>
      <source>Stopping: everyone is told the host is leaving…</source>
      <translation>Beende: alle erfahren, dass der Gastgeber geht…</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::JoinDialog</name>
    <message>
      <source>&amp;Connect</source>
      <translation>&amp;Verbinden</translation>
    </message>
    <message>
      <source>Join a Session</source>
      <translation>Einer Sitzung beitreten</translation>
    </message>
    <message>
      <source>chorus://host:1234/?fp=… (paste the invite link)</source>
      <translation>chorus://host:1234/?fp=… (Einladungslink einfügen)</translation>
    </message>
    <message>
      <source>Only if the host set one</source>
      <translation>Nur falls der Gastgeber eines festgelegt hat</translation>
    </message>
    <message>
      <source>Invite &amp;link:</source>
      <translation>Einladungs&amp;link:</translation>
    </message>
    <message>
      <source>Your &amp;name:</source>
      <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Passwort:</translation>
    </message>
    <message>
      <source>That is not an invite link: %1</source>
      <translation>Das ist kein Einladungslink: %1</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>Verbinde…</translation>
    </message>
    <message>
      <source>Connected as a read-only guest: you can read and follow, but not edit.</source>
      <translation>Als Gast mit Lesezugriff verbunden: Sie können lesen und folgen, aber nicht bearbeiten.</translation>
    </message>
    <message>
      <source>Connected. Pick a document to open.</source>
      <translation>Verbunden. Wählen Sie ein Dokument zum Öffnen.</translation>
    </message>
    <message>
      <source>Cannot reach %1:%2 yet. Is the host running, and reachable from this computer? Still trying…</source>
      <translation>%1:%2 ist noch nicht erreichbar. Läuft die Sitzung beim Gastgeber, und ist sie von diesem Computer aus erreichbar? Versuche es weiter…</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::MainWindow</name>
    <message>
      <source>Chorus</source>
      <translation>Chorus</translation>
    </message>
    <message>
      <source>Participants</source>
      <translation>Teilnehmende</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Nicht verbunden</translation>
    </message>
    <message>
      <source>&amp;Settings</source>
      <translation>&amp;Einstellungen</translation>
    </message>
    <message>
      <source>Your &amp;Name…</source>
      <translation>Ihr &amp;Name…</translation>
    </message>
    <message>
      <source>Your &amp;Colour…</source>
      <translation>Ihre &amp;Farbe…</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Datei</translation>
    </message>
    <message>
      <source>&amp;New</source>
      <translation>&amp;Neu</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Speichern</translation>
    </message>
    <message>
      <source>Save &amp;As…</source>
      <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
      <source>Re&amp;load</source>
      <translation>Neu &amp;laden</translation>
    </message>
    <message>
      <source>&amp;Close Tab</source>
      <translation>Tab s&amp;chließen</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Beenden</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Rückgängig</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Wiederholen</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Kopieren</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>&amp;Einfügen</translation>
    </message>
    <message>
      <source>Select &amp;All</source>
      <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>&amp;Suchen…</translation>
    </message>
    <message>
      <source>&amp;Replace…</source>
      <translation>&amp;Ersetzen…</translation>
    </message>
    <message>
      <source>Ctrl+H</source>
      <translation>Ctrl+H</translation>
    </message>
    <message>
      <source>&amp;Go to Line…</source>
      <translation>&amp;Gehe zu Zeile…</translation>
    </message>
    <message>
      <source>Ctrl+G</source>
      <translation>Ctrl+G</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Ansicht</translation>
    </message>
    <message>
      <source>&amp;Font…</source>
      <translation>&amp;Schriftart…</translation>
    </message>
    <message>
      <source>&amp;Theme</source>
      <translation>&amp;Farbschema</translation>
    </message>
    <message>
      <source>Follow the System</source>
      <translation>Wie das System</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>Hell</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>Dunkel</translation>
    </message>
    <message>
      <source>&amp;Syntax</source>
      <translation>&amp;Syntax</translation>
    </message>
    <message>
      <source>Sess&amp;ion</source>
      <translation>S&amp;itzung</translation>
    </message>
    <message>
      <source>Join a Session</source>
      <translation>Einer Sitzung beitreten</translation>
    </message>
    <message>
      <source>Session address (ws://host:port/document):</source>
      <translation>Sitzungsadresse (ws://host:port/dokument):</translation>
    </message>
    <message>
      <source>“%1” is not a session address like ws://host:1234/notes.</source>
      <translation>„%1“ ist keine Sitzungsadresse wie ws://host:1234/notes.</translation>
    </message>
    <message>
      <source>%1 @ %2</source>
      <translation>%1 @ %2</translation>
    </message>
    <message>
      <source>No recent files</source>
      <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
      <source>Clear the List</source>
      <translation>Liste leeren</translation>
    </message>
    <message>
      <source>Plain Text</source>
      <translation>Reiner Text</translation>
    </message>
    <message>
      <source>Open Files</source>
      <translation>Dateien öffnen</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>%1 gespeichert</translation>
    </message>
    <message>
      <source>Save As</source>
      <translation>Speichern unter</translation>
    </message>
    <message>
      <source>Unsaved Changes</source>
      <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
      <source>%1 has unsaved changes. Save them?</source>
      <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>Neu laden</translation>
    </message>
    <message>
      <source>Discard your unsaved changes to %1 and reload it?</source>
      <translation>Ungespeicherte Änderungen an %1 verwerfen und neu laden?</translation>
    </message>
    <message>
      <source>File Changed</source>
      <translation>Datei geändert</translation>
    </message>
    <message>
      <source>%1 was changed by another program, and you have unsaved changes.
Reload it from disk and lose your changes?</source>
      <translation>%1 wurde von einem anderen Programm geändert, und Sie haben ungespeicherte Änderungen.
Von der Festplatte neu laden und Ihre Änderungen verlieren?</translation>
    </message>
    <message>
      <source>Go to Line</source>
      <translation>Gehe zu Zeile</translation>
    </message>
    <message>
      <source>Line (1–%1):</source>
      <translation>Zeile (1–%1):</translation>
    </message>
    <message>
      <source>Editor Font</source>
      <translation>Schriftart des Editors</translation>
    </message>
    <message>
      <source>Your Name</source>
      <translation>Ihr Name</translation>
    </message>
    <message>
      <source>The name other participants see:</source>
      <translation>Der Name, den die anderen sehen:</translation>
    </message>
    <message>
      <source>Your Colour</source>
      <translation>Ihre Farbe</translation>
    </message>
    <message>
      <source>%1 — Chorus</source>
      <translation>%1 — Chorus</translation>
    </message>
    <message>
      <source>Ln %1, Col %2</source>
      <translation>Z %1, Sp %2</translation>
    </message>
    <message>
      <source> (mixed line endings: saved as %1)</source>
      <translation> (gemischte Zeilenenden: gespeichert als %1)</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::ParticipantsPanel</name>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>Dokument</translation>
    </message>
    <message>
      <source>Not in a session</source>
      <translation>In keiner Sitzung</translation>
    </message>
    <message>
      <source>%1 (you)</source>
      <translation>%1 (Sie)</translation>
    </message>
    <message>
      <source>Follow</source>
      <translation>Folgen</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::JoinedSession</name>
    <message>
      <source>This session needs a password. Enter it and try again.</source>
      <translation>Diese Sitzung braucht ein Passwort. Geben Sie es ein und versuchen Sie es erneut.</translation>
    </message>
    <message>
      <source>The password is wrong. Check it with the host and try again.</source>
      <translation>Das Passwort ist falsch. Fragen Sie beim Gastgeber nach und versuchen Sie es erneut.</translation>
    </message>
    <message>
      <source>Refused: the host's certificate does not match the invite link, so this may not be the computer that sent it. Nothing was sent.

Expected: %1
Presented: %2</source>
      <translation>Abgelehnt: Das Zertifikat des Gastgebers passt nicht zum Einladungslink; das ist vielleicht nicht der Computer, der ihn verschickt hat. Es wurde nichts gesendet.

Erwartet: %1
Vorgelegt: %2</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::SessionController</name>
    <message>
      <source>Chat</source>
      <translation>Chat</translation>
    </message>
    <message>
      <source>Session Documents</source>
      <translation>Dokumente der Sitzung</translation>
    </message>
    <message>
      <source>Hosting. Share the invite link: %1</source>
      <translation>Sitzung läuft. Teilen Sie den Einladungslink: %1</translation>
    </message>
    <message>
      <source>Could not start hosting: %1</source>
      <translation>Die Sitzung konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
      <source>Hosting stopped. Everyone was told the session ended.</source>
      <translation>Sitzung beendet. Alle wurden benachrichtigt.</translation>
    </message>
    <message>
      <source>&amp;Host…</source>
      <translation>&amp;Bereitstellen…</translation>
    </message>
    <message>
      <source>&amp;Join…</source>
      <translation>&amp;Beitreten…</translation>
    </message>
    <message>
      <source>&amp;Stop Hosting</source>
      <translation>Sitzung b&amp;eenden</translation>
    </message>
    <message>
      <source>&amp;Add Current Document</source>
      <translation>Aktuelles Dokument &amp;hinzufügen</translation>
    </message>
    <message>
      <source>S&amp;ettings…</source>
      <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
      <source>Joined as a read-only guest.</source>
      <translation>Als Gast mit Lesezugriff beigetreten.</translation>
    </message>
    <message>
      <source>Joined the session.</source>
      <translation>Der Sitzung beigetreten.</translation>
    </message>
    <message>
      <source>The host is gone — they may have stopped hosting. Your edits are kept and sent when the session is back.</source>
      <translation>Der Gastgeber ist weg — vielleicht wurde die Sitzung beendet. Ihre Änderungen bleiben erhalten und werden gesendet, sobald die Sitzung zurück ist.</translation>
    </message>
    <message>
      <source>untitled</source>
      <translation>unbenannt</translation>
    </message>
    <message>
      <source>“%1” is now shared in the session.</source>
      <translation>„%1“ wird jetzt in der Sitzung geteilt.</translation>
    </message>
    <message>
      <source>Add Current Document</source>
      <translation>Aktuelles Dokument hinzufügen</translation>
    </message>
    <message>
      <source>Host or join a session first.</source>
      <translation>Stellen Sie zuerst eine Sitzung bereit oder treten Sie einer bei.</translation>
    </message>
    <message>
      <source>The current tab is already shared.</source>
      <translation>Der aktuelle Tab wird bereits geteilt.</translation>
    </message>
    <message>
      <source>Remove Document</source>
      <translation>Dokument entfernen</translation>
    </message>
    <message>
      <source>Remove “%1” from the session for everyone? Open copies become read-only.</source>
      <translation>„%1“ für alle aus der Sitzung entfernen? Offene Kopien werden schreibgeschützt.</translation>
    </message>
    <message>
      <source>“%1” was removed from the session.</source>
      <translation>„%1“ wurde aus der Sitzung entfernt.</translation>
    </message>
    <message>
      <source>Read-only: the host let you in as a guest who can read and follow, but not edit.</source>
      <translation>Schreibgeschützt: Der Gastgeber hat Sie als Gast eingelassen, der lesen und folgen, aber nicht bearbeiten kann.</translation>
    </message>
    <message>
      <source>Read-only: %1</source>
      <translation>Schreibgeschützt: %1</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::SessionDocumentsPanel</name>
    <message>
      <source>Open</source>
      <translation>Öffnen</translation>
    </message>
    <message>
      <source>Remove…</source>
      <translation>Entfernen…</translation>
    </message>
    <message>
      <source>Not in a session.</source>
      <translation>In keiner Sitzung.</translation>
    </message>
    <message>
      <source>Connecting to %1…</source>
      <translation>Verbinde mit %1…</translation>
    </message>
    <message>
      <source>No documents shared yet.</source>
      <translation>Noch keine Dokumente geteilt.</translation>
    </message>
    <message>
      <source>Not connected.</source>
      <translation>Nicht verbunden.</translation>
    </message>
    <message>
      <source>Documents in this session: %1</source>
      <translation>Dokumente in dieser Sitzung: %1</translation>
    </message>
    <message>
      <source>%1 — %2</source>
      <translation>%1 — %2</translation>
    </message>
    <message>
      <source>, </source>
      <translation>, </translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::SettingsDialog</name>
    <message>
      <source>Reachable from the local network</source>
      <translation>Aus dem lokalen Netzwerk erreichbar</translation>
    </message>
    <message>
      <source>Encrypt with TLS</source>
      <translation>Mit TLS verschlüsseln</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Einstellungen</translation>
    </message>
    <message>
      <source>Your Colour</source>
      <translation>Ihre Farbe</translation>
    </message>
    <message>
      <source>Follow the System</source>
      <translation>Wie das System</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>Hell</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>Dunkel</translation>
    </message>
    <message>
      <source>You and the Editor</source>
      <translation>Sie und der Editor</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Name:</translation>
    </message>
    <message>
      <source>&amp;Colour:</source>
      <translation>&amp;Farbe:</translation>
    </message>
    <message>
      <source>&amp;Font:</source>
      <translation>&amp;Schriftart:</translation>
    </message>
    <message>
      <source>Font &amp;size:</source>
      <translation>Schrift&amp;größe:</translation>
    </message>
    <message>
      <source>&amp;Theme:</source>
      <translation>&amp;Farbschema:</translation>
    </message>
    <message>
      <source>Hosting Defaults</source>
      <translation>Vorgaben für Sitzungen</translation>
    </message>
    <message>
      <source>&amp;Port:</source>
      <translation>&amp;Port:</translation>
    </message>
    <message>
      <source>&amp;Data folder:</source>
      <translation>&amp;Datenordner:</translation>
    </message>
  </context>
  <context>
    <name>TextFile</name>
    <message>
      <source>%1 is too large to edit (%2 MiB; the limit is %3 MiB).</source>
      <translation>%1 ist zu groß zum Bearbeiten (%2 MiB; die Grenze ist %3 MiB).</translation>
    </message>
    <message>
      <source>Cannot read %1: %2</source>
      <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
      <source>%1 is too large to edit (the limit is %2 MiB).</source>
      <translation>%1 ist zu groß zum Bearbeiten (die Grenze ist %2 MiB).</translation>
    </message>
    <message>
      <source>%1 looks like a binary file; Chorus edits text only.</source>
      <translation>%1 sieht wie eine Binärdatei aus; Chorus bearbeitet nur Text.</translation>
    </message>
    <message>
      <source>Cannot write %1: %2</source>
      <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
      <source>UTF-8 with BOM</source>
      <translation>UTF-8 mit BOM</translation>
    </message>
    <message>
      <source>Latin-1 (not UTF-8)</source>
      <translation>Latin-1 (kein UTF-8)</translation>
    </message>
  </context>
</TS>
