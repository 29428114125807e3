<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>AppOptions</name>
    <message>
      <source>Chorus: a collaborative editor for text and code.</source>
      <translation>Chorus : un éditeur collaboratif pour le texte et le code.</translation>
    </message>
    <message>
      <source>Join a session, e.g. ws://host:1234/notes.</source>
      <translation>Rejoindre une session, p. ex. ws://hôte:1234/notes.</translation>
    </message>
    <message>
      <source>Files to open.</source>
      <translation>Fichiers à ouvrir.</translation>
    </message>
  </context>
  <context>
    <name>AppSettings</name>
    <message>
      <source>Guest %1</source>
      <translation>Invité %1</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::ChatPanel</name>
    <message>
      <source>Send</source>
      <translation>Envoyer</translation>
    </message>
    <message>
      <source>Message everyone in the session</source>
      <translation>Message à tous les participants</translation>
    </message>
    <message>
      <source>Join or host a session to chat.</source>
      <translation>Rejoignez ou hébergez une session pour discuter.</translation>
    </message>
    <message>
      <source>No messages yet. Say hello!</source>
      <translation>Pas encore de messages. Dites bonjour !</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::Collaboration</name>
    <message>
      <source>Not authorised: %1</source>
      <translation>Non autorisé : %1</translation>
    </message>
    <message>
      <source>Anonymous %1</source>
      <translation>Anonyme %1</translation>
    </message>
    <message>
      <source>Connected</source>
      <translation>Connecté</translation>
    </message>
    <message>
      <source>Connected — 1 edit not yet synced</source>
      <translation>Connecté — 1 modification pas encore synchronisée</translation>
    </message>
    <message>
      <source>Connected — %1 edits not yet synced</source>
      <translation>Connecté — %1 modifications pas encore synchronisées</translation>
    </message>
    <message>
      <source> (server without acknowledgements)</source>
      <translation> (serveur sans accusés de réception)</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>Connexion…</translation>
    </message>
    <message>
      <source>Syncing…</source>
      <translation>Synchronisation…</translation>
    </message>
    <message>
      <source>Offline — 1 edit not yet synced</source>
      <translation>Hors ligne — 1 modification pas encore synchronisée</translation>
    </message>
    <message>
      <source>Offline — %1 edits not yet synced</source>
      <translation>Hors ligne — %1 modifications pas encore synchronisées</translation>
    </message>
    <message>
      <source> · reconnecting in %1 s</source>
      <translation> · reconnexion dans %1 s</translation>
    </message>
    <message>
      <source>Reconnecting in %1 s</source>
      <translation>Reconnexion dans %1 s</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Hors ligne</translation>
    </message>
    <message>
      <source>The host has a different copy — choose which to keep</source>
      <translation>L&apos;hôte a une autre copie — choisissez laquelle garder</translation>
    </message>
    <message>
      <source>Refused: the host&apos;s certificate does not match</source>
      <translation>Refusé : le certificat de l&apos;hôte ne correspond pas</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::EditorTab</name>
    <message>
      <source>Untitled</source>
      <translation>Sans titre</translation>
    </message>
    <message>
      <source>The document has no file name yet.</source>
      <translation>Le document n'a pas encore de nom de fichier.</translation>
    </message>
    <message>
      <source>%1 was deleted or moved on disk.</source>
      <translation>%1 a été supprimé ou déplacé sur le disque.</translation>
    </message>
    <message>
      <source>%1 changed on disk and was reloaded.</source>
      <translation>%1 a changé sur le disque et a été rechargé.</translation>
    </message>
    <message>
      <source>“%1” was created anew on the host since you last synced it (it may have been removed and shared again). Your copy and the host&apos;s are different documents now; nothing was merged. Which one do you want to keep?</source>
      <translation>« %1 » a été recréé sur l&apos;hôte depuis votre dernière synchronisation (il a peut-être été retiré puis partagé à nouveau). Votre copie et celle de l&apos;hôte sont maintenant des documents différents ; rien n&apos;a été fusionné. Laquelle voulez-vous garder ?</translation>
    </message>
    <message>
      <source>&amp;Merge Mine Into the Host&apos;s</source>
      <translation>&amp;Fusionner la mienne dans celle de l&apos;hôte</translation>
    </message>
    <message>
      <source>Use the &amp;Host&apos;s (Discard Mine)</source>
      <translation>Prendre celle de l&apos;&amp;hôte (abandonner la mienne)</translation>
    </message>
    <message>
      <source>Not connected: the host&apos;s certificate does not match the one this document was shared with, so this may not be the computer you joined. Nothing was sent; your edits stay here.
Expected: %1
Presented: %2</source>
      <translation>Non connecté : le certificat de l&apos;hôte ne correspond pas à celui avec lequel ce document a été partagé ; ce n&apos;est peut-être pas l&apos;ordinateur que vous avez rejoint. Rien n&apos;a été envoyé ; vos modifications restent ici.
Attendu : %1
Présenté : %2</translation>
    </message>
    <message>
      <source>&amp;Try Again</source>
      <translation>&amp;Réessayer</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::FindBar</name>
    <message>
      <source>Match case</source>
      <translation>Respecter la casse</translation>
    </message>
    <message>
      <source>Whole words</source>
      <translation>Mots entiers</translation>
    </message>
    <message>
      <source>Regular expression</source>
      <translation>Expression régulière</translation>
    </message>
    <message>
      <source>Find</source>
      <translation>Rechercher</translation>
    </message>
    <message>
      <source>Replace with</source>
      <translation>Remplacer par</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>Suivant</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>Précédent</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Fermer</translation>
    </message>
    <message>
      <source>Replace</source>
      <translation>Remplacer</translation>
    </message>
    <message>
      <source>Replace All</source>
      <translation>Tout remplacer</translation>
    </message>
    <message>
      <source>Search wrapped</source>
      <translation>Recherche reprise au début</translation>
    </message>
    <message>
      <source>Not found</source>
      <translation>Introuvable</translation>
    </message>
    <message numerus="yes">
      <source>%n replacement(s)</source>
      <translation>
        <numerusform>%n remplacement</numerusform>
        <numerusform>%n remplacements</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::HostDialog</name>
    <message>
      <source>Let people without the app join from a &amp;browser</source>
      <translation>Permettre aux personnes sans l’application de rejoindre depuis un &amp;navigateur</translation>
    </message>
    <message>
      <source>Browser link:</source>
      <translation>Lien pour navigateur :</translation>
    </message>
    <message>
      <source>None: web pages cannot connect (recommended)</source>
      <translation>Aucune : les pages web ne peuvent pas se connecter (recommandé)</translation>
    </message>
    <message>
      <source>Web pages that may open this session from a browser, such as https://team.example, separated by spaces. The Chorus app itself always connects.</source>
      <translation>Pages web autorisées à ouvrir cette session depuis un navigateur, par exemple https://team.example, séparées par des espaces. L’application Chorus elle-même se connecte toujours.</translation>
    </message>
    <message>
      <source>Allowed &amp;web pages:</source>
      <translation>Pages &amp;web autorisées :</translation>
    </message>
    <message>
      <source>“%1” is not a web page's origin: write it as https://host or http://host:port.</source>
      <translation>« %1 » n’est pas l’origine d’une page web : écrivez https://hôte ou http://hôte:port.</translation>
    </message>
    <message>
      <source>Encrypt with TLS (the invite link carries the certificate's fingerprint)</source>
      <translation>Chiffrer avec TLS (le lien d'invitation porte l'empreinte du certificat)</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Copier</translation>
    </message>
    <message>
      <source>&amp;Start Hosting</source>
      <translation>&amp;Démarrer l’hébergement</translation>
    </message>
    <message>
      <source>S&amp;top Hosting</source>
      <translation>&amp;Arrêter l’hébergement</translation>
    </message>
    <message>
      <source>Host a Session</source>
      <translation>Héberger une session</translation>
    </message>
    <message>
      <source>This computer only</source>
      <translation>Cet ordinateur uniquement</translation>
    </message>
    <message>
      <source>Local network</source>
      <translation>Réseau local</translation>
    </message>
    <message>
      <source>Empty: anyone who can reach the port may edit</source>
      <translation>Vide : quiconque atteint le port peut modifier</translation>
    </message>
    <message>
      <source>Optional: guests with it may only read</source>
      <translation>Facultatif : les invités qui l’ont peuvent seulement lire</translation>
    </message>
    <message>
      <source>No open documents: share them later with Session → Add Current Document.</source>
      <translation>Aucun document ouvert : partagez-les plus tard avec Session → Ajouter le document actuel.</translation>
    </message>
    <message>
      <source>&amp;Browse…</source>
      <translation>&amp;Parcourir…</translation>
    </message>
    <message>
      <source>Data Folder</source>
      <translation>Dossier de données</translation>
    </message>
    <message>
      <source>&amp;Port:</source>
      <translation>&amp;Port :</translation>
    </message>
    <message>
      <source>&amp;Who can join:</source>
      <translation>&amp;Qui peut rejoindre :</translation>
    </message>
    <message>
      <source>Pass&amp;word:</source>
      <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
      <source>&amp;Read-only password:</source>
      <translation>Mot de passe en &amp;lecture seule :</translation>
    </message>
    <message>
      <source>&amp;Documents to share:</source>
      <translation>&amp;Documents à partager :</translation>
    </message>
    <message>
      <source>Data &amp;folder:</source>
      <translation>&amp;Dossier de données :</translation>
    </message>
    <message>
      <source>Invite link:</source>
      <translation>Lien d'invitation :</translation>
    </message>
    <message>
      <source>Copied. Send the link, and the password separately.</source>
      <translation>Copié. Envoyez le lien, et le mot de passe séparément.</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>Démarrage…</translation>
    </message>
    <message>
      <source>Could not start hosting: %1</source>
      <translation>Impossible de démarrer l'hébergement : %1</translation>
    </message>
    <message>
      <source>Hosting on port %1 without encryption.</source>
      <translation>Hébergement sur le port %1 sans chiffrement.</translation>
    </message>
    <message>
      <source>Hosting on port %1. Certificate fingerprint (SHA-256): %2</source>
      <translation>Hébergement sur le port %1. Empreinte du certificat (SHA-256) : %2</translation>
    </message>
    <message>
      <source>Stopping: everyone is told the host is leaving…</source>
      <translation>Arrêt : tout le monde est prévenu que l'hôte s'en va…</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::JoinDialog</name>
    <message>
      <source>&amp;Connect</source>
      <translation>&amp;Se connecter</translation>
    </message>
    <message>
      <source>Join a Session</source>
      <translation>Rejoindre une session</translation>
    </message>
    <message>
      <source>chorus://host:1234/?fp=… (paste the invite link)</source>
      <translation>chorus://hôte:1234/?fp=… (collez le lien d'invitation)</translation>
    </message>
    <message>
      <source>Only if the host set one</source>
      <translation>Seulement si l'hôte en a défini un</translation>
    </message>
    <message>
      <source>Invite &amp;link:</source>
      <translation>&amp;Lien d'invitation :</translation>
    </message>
    <message>
      <source>Your &amp;name:</source>
      <translation>Votre &amp;nom :</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
      <source>That is not an invite link: %1</source>
      <translation>Ce n'est pas un lien d'invitation : %1</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>Connexion…</translation>
    </message>
    <message>
      <source>Connected as a read-only guest: you can read and follow, but not edit.</source>
      <translation>Connecté en invité en lecture seule : vous pouvez lire et suivre, mais pas modifier.</translation>
    </message>
    <message>
      <source>Connected. Pick a document to open.</source>
      <translation>Connecté. Choisissez un document à ouvrir.</translation>
    </message>
    <message>
      <source>Cannot reach %1:%2 yet. Is the host running, and reachable from this computer? Still trying…</source>
      <translation>%1:%2 n'est pas encore joignable. L'hôte est-il lancé et joignable depuis cet ordinateur ? Nouvelle tentative…</translation>
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
      <translation>Participants</translation>
    </message>
    <message>
      <source>Not connected</source>
      <translation>Non connecté</translation>
    </message>
    <message>
      <source>&amp;Settings</source>
      <translation>&amp;Paramètres</translation>
    </message>
    <message>
      <source>Your &amp;Name…</source>
      <translation>Votre &amp;nom…</translation>
    </message>
    <message>
      <source>Your &amp;Colour…</source>
      <translation>Votre &amp;couleur…</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <source>&amp;New</source>
      <translation>&amp;Nouveau</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Enregistrer</translation>
    </message>
    <message>
      <source>Save &amp;As…</source>
      <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
      <source>Re&amp;load</source>
      <translation>Rec&amp;harger</translation>
    </message>
    <message>
      <source>&amp;Close Tab</source>
      <translation>&amp;Fermer l’onglet</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>É&amp;dition</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Annuler</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Rétablir</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>Co&amp;uper</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Copier</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>C&amp;oller</translation>
    </message>
    <message>
      <source>Select &amp;All</source>
      <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>&amp;Rechercher…</translation>
    </message>
    <message>
      <source>&amp;Replace…</source>
      <translation>Rem&amp;placer…</translation>
    </message>
    <message>
      <source>Ctrl+H</source>
      <translation>Ctrl+H</translation>
    </message>
    <message>
      <source>&amp;Go to Line…</source>
      <translation>&amp;Aller à la ligne…</translation>
    </message>
    <message>
      <source>Ctrl+G</source>
      <translation>Ctrl+G</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Affichage</translation>
    </message>
    <message>
      <source>&amp;Font…</source>
      <translation>&amp;Police…</translation>
    </message>
    <message>
      <source>&amp;Theme</source>
      <translation>&amp;Thème</translation>
    </message>
    <message>
      <source>Follow the System</source>
      <translation>Suivre le système</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>Clair</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>Sombre</translation>
    </message>
    <message>
      <source>&amp;Syntax</source>
      <translation>&amp;Syntaxe</translation>
    </message>
    <message>
      <source>Sess&amp;ion</source>
      <translation>Sess&amp;ion</translation>
    </message>
    <message>
      <source>Join a Session</source>
      <translation>Rejoindre une session</translation>
    </message>
    <message>
      <source>Session address (ws://host:port/document):</source>
      <translation>Adresse de la session (ws://hôte:port/document) :</translation>
    </message>
    <message>
      <source>“%1” is not a session address like ws://host:1234/notes.</source>
      <translation>« %1 » n’est pas une adresse de session comme ws://hôte:1234/notes.</translation>
    </message>
    <message>
      <source>%1 @ %2</source>
      <translation>%1 @ %2</translation>
    </message>
    <message>
      <source>No recent files</source>
      <translation>Aucun fichier récent</translation>
    </message>
    <message>
      <source>Clear the List</source>
      <translation>Vider la liste</translation>
    </message>
    <message>
      <source>Plain Text</source>
      <translation>Texte brut</translation>
    </message>
    <message>
      <source>Open Files</source>
      <translation>Ouvrir des fichiers</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>%1 enregistré</translation>
    </message>
    <message>
      <source>Save As</source>
      <translation>Enregistrer sous</translation>
    </message>
    <message>
      <source>Unsaved Changes</source>
      <translation>Modifications non enregistrées</translation>
    </message>
    <message>
      <source>%1 has unsaved changes. Save them?</source>
      <translation>%1 a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>Recharger</translation>
    </message>
    <message>
      <source>Discard your unsaved changes to %1 and reload it?</source>
      <translation>Abandonner vos modifications non enregistrées de %1 et le recharger ?</translation>
    </message>
    <message>
      <source>File Changed</source>
      <translation>Fichier modifié</translation>
    </message>
    <message>
      <source>%1 was changed by another program, and you have unsaved changes.
Reload it from disk and lose your changes?</source>
      <translation>%1 a été modifié par un autre programme, et vous avez des modifications non enregistrées.
Le recharger depuis le disque et perdre vos modifications ?</translation>
    </message>
    <message>
      <source>Go to Line</source>
      <translation>Aller à la ligne</translation>
    </message>
    <message>
      <source>Line (1–%1):</source>
      <translation>Ligne (1–%1) :</translation>
    </message>
    <message>
      <source>Editor Font</source>
      <translation>Police de l'éditeur</translation>
    </message>
    <message>
      <source>Your Name</source>
      <translation>Votre nom</translation>
    </message>
    <message>
      <source>The name other participants see:</source>
      <translation>Le nom que voient les autres participants :</translation>
    </message>
    <message>
      <source>Your Colour</source>
      <translation>Votre couleur</translation>
    </message>
    <message>
      <source>%1 — Chorus</source>
      <translation>%1 — Chorus</translation>
    </message>
    <message>
      <source>Ln %1, Col %2</source>
      <translation>Ligne %1, col. %2</translation>
    </message>
    <message>
      <source> (mixed line endings: saved as %1)</source>
      <translation> (fins de ligne mixtes : enregistré en %1)</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::ParticipantsPanel</name>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>Document</translation>
    </message>
    <message>
      <source>Not in a session</source>
      <translation>Pas dans une session</translation>
    </message>
    <message>
      <source>%1 (you)</source>
      <translation>%1 (vous)</translation>
    </message>
    <message>
      <source>Follow</source>
      <translation>Suivre</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::JoinedSession</name>
    <message>
      <source>This session needs a password. Enter it and try again.</source>
      <translation>Cette session demande un mot de passe. Saisissez-le et réessayez.</translation>
    </message>
    <message>
      <source>The password is wrong. Check it with the host and try again.</source>
      <translation>Le mot de passe est incorrect. Vérifiez-le auprès de l'hôte et réessayez.</translation>
    </message>
    <message>
      <source>Refused: the host's certificate does not match the invite link, so this may not be the computer that sent it. Nothing was sent.

Expected: %1
Presented: %2</source>
      <translation>Refusé : le certificat de l'hôte ne correspond pas au lien d'invitation ; ce n'est peut-être pas l'ordinateur qui l'a envoyé. Rien n'a été envoyé.

Attendu : %1
Présenté : %2</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::SessionController</name>
    <message>
      <source>Chat</source>
      <translation>Discussion</translation>
    </message>
    <message>
      <source>Session Documents</source>
      <translation>Documents de la session</translation>
    </message>
    <message>
      <source>Hosting. Share the invite link: %1</source>
      <translation>Hébergement en cours. Partagez le lien d'invitation : %1</translation>
    </message>
    <message>
      <source>Could not start hosting: %1</source>
      <translation>Impossible de démarrer l'hébergement : %1</translation>
    </message>
    <message>
      <source>Hosting stopped. Everyone was told the session ended.</source>
      <translation>Hébergement arrêté. Tout le monde a été prévenu de la fin de la session.</translation>
    </message>
    <message>
      <source>&amp;Host…</source>
      <translation>&amp;Héberger…</translation>
    </message>
    <message>
      <source>&amp;Join…</source>
      <translation>&amp;Rejoindre…</translation>
    </message>
    <message>
      <source>&amp;Stop Hosting</source>
      <translation>&amp;Arrêter l’hébergement</translation>
    </message>
    <message>
      <source>&amp;Add Current Document</source>
      <translation>&amp;Ajouter le document actuel</translation>
    </message>
    <message>
      <source>S&amp;ettings…</source>
      <translation>&amp;Paramètres…</translation>
    </message>
    <message>
      <source>Joined as a read-only guest.</source>
      <translation>Session rejointe en invité en lecture seule.</translation>
    </message>
    <message>
      <source>Joined the session.</source>
      <translation>Session rejointe.</translation>
    </message>
    <message>
      <source>The host is gone — they may have stopped hosting. Your edits are kept and sent when the session is back.</source>
      <translation>L'hôte est parti — il a peut-être arrêté la session. Vos modifications sont conservées et envoyées dès le retour de la session.</translation>
    </message>
    <message>
      <source>untitled</source>
      <translation>sans-titre</translation>
    </message>
    <message>
      <source>“%1” is now shared in the session.</source>
      <translation>« %1 » est maintenant partagé dans la session.</translation>
    </message>
    <message>
      <source>Add Current Document</source>
      <translation>Ajouter le document actuel</translation>
    </message>
    <message>
      <source>Host or join a session first.</source>
      <translation>Hébergez ou rejoignez d'abord une session.</translation>
    </message>
    <message>
      <source>The current tab is already shared.</source>
      <translation>L'onglet actuel est déjà partagé.</translation>
    </message>
    <message>
      <source>Remove Document</source>
      <translation>Retirer le document</translation>
    </message>
    <message>
      <source>Remove “%1” from the session for everyone? Open copies become read-only.</source>
      <translation>Retirer « %1 » de la session pour tout le monde ? Les copies ouvertes passent en lecture seule.</translation>
    </message>
    <message>
      <source>“%1” was removed from the session.</source>
      <translation>« %1 » a été retiré de la session.</translation>
    </message>
    <message>
      <source>Read-only: the host let you in as a guest who can read and follow, but not edit.</source>
      <translation>Lecture seule : l'hôte vous a admis comme invité pouvant lire et suivre, mais pas modifier.</translation>
    </message>
    <message>
      <source>Read-only: %1</source>
      <translation>Lecture seule : %1</translation>
    </message>
  </context>
  <context>
    <name>Chorus::App::SessionDocumentsPanel</name>
    <message>
      <source>Open</source>
      <translation>Ouvrir</translation>
    </message>
    <message>
      <source>Remove…</source>
      <translation>Retirer…</translation>
    </message>
    <message>
      <source>Not in a session.</source>
      <translation>Pas dans une session.</translation>
    </message>
    <message>
      <source>Connecting to %1…</source>
      <translation>Connexion à %1…</translation>
    </message>
    <message>
      <source>No documents shared yet.</source>
      <translation>Aucun document partagé pour le moment.</translation>
    </message>
    <message>
      <source>Not connected.</source>
      <translation>Non connecté.</translation>
    </message>
    <message>
      <source>Documents in this session: %1</source>
      <translation>Documents de cette session : %1</translation>
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
      <translation>Accessible depuis le réseau local</translation>
    </message>
    <message>
      <source>Encrypt with TLS</source>
      <translation>Chiffrer avec TLS</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Paramètres</translation>
    </message>
    <message>
      <source>Your Colour</source>
      <translation>Votre couleur</translation>
    </message>
    <message>
      <source>Follow the System</source>
      <translation>Suivre le système</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>Clair</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>Sombre</translation>
    </message>
    <message>
      <source>You and the Editor</source>
      <translation>Vous et l'éditeur</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Nom :</translation>
    </message>
    <message>
      <source>&amp;Colour:</source>
      <translation>&amp;Couleur :</translation>
    </message>
    <message>
      <source>&amp;Font:</source>
      <translation>&amp;Police :</translation>
    </message>
    <message>
      <source>Font &amp;size:</source>
      <translation>&amp;Taille de police :</translation>
    </message>
    <message>
      <source>&amp;Theme:</source>
      <translation>&amp;Thème :</translation>
    </message>
    <message>
      <source>Hosting Defaults</source>
      <translation>Valeurs par défaut de l'hébergement</translation>
    </message>
    <message>
      <source>&amp;Port:</source>
      <translation>&amp;Port :</translation>
    </message>
    <message>
      <source>&amp;Data folder:</source>
      <translation>&amp;Dossier de données :</translation>
    </message>
  </context>
  <context>
    <name>TextFile</name>
    <message>
      <source>%1 is too large to edit (%2 MiB; the limit is %3 MiB).</source>
      <translation>%1 est trop volumineux pour être modifié (%2 Mio ; la limite est %3 Mio).</translation>
    </message>
    <message>
      <source>Cannot read %1: %2</source>
      <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
      <source>%1 is too large to edit (the limit is %2 MiB).</source>
      <translation>%1 est trop volumineux pour être modifié (la limite est %2 Mio).</translation>
    </message>
    <message>
      <source>%1 looks like a binary file; Chorus edits text only.</source>
      <translation>%1 semble être un fichier binaire ; Chorus ne modifie que du texte.</translation>
    </message>
    <message>
      <source>Cannot write %1: %2</source>
      <translation>Impossible d'écrire %1 : %2</translation>
    </message>
    <message>
      <source>UTF-8 with BOM</source>
      <translation>UTF-8 avec BOM</translation>
    </message>
    <message>
      <source>Latin-1 (not UTF-8)</source>
      <translation>Latin-1 (pas UTF-8)</translation>
    </message>
  </context>
</TS>
