// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The page around the editor: the bar (documents, people, status, your name), the name and
// password dialogs and the document picker. Only DOM here; main.js holds the state.
const $ = (id) => document.getElementById(id)

function element (tag, className, text) {
  const e = document.createElement(tag)
  if (className) {
    e.className = className
  }
  if (text !== undefined) {
    e.textContent = text
  }
  return e
}

// Shows a modal dialog and resolves with the trimmed value of its input once submitted.
function ask (dialog, input, value) {
  input.value = value
  return new Promise((resolve) => {
    const form = dialog.querySelector('form')
    const submitted = (event) => {
      event.preventDefault()
      const text = input.value.trim()
      if (!text) {
        return
      }
      form.removeEventListener('submit', submitted)
      dialog.close()
      resolve(text)
    }
    form.addEventListener('submit', submitted)
    dialog.addEventListener('cancel', (event) => event.preventDefault(), { once: true })
    dialog.showModal()
    input.select()
  })
}

export const ui = {
  editorElement: $('editor'),

  askName (current) {
    return ask($('name-dialog'), $('name-input'), current)
  },

  askPassword (reason) {
    $('password-reason').textContent = reason
    return ask($('password-dialog'), $('password-input'), '')
  },

  onRename (handler) {
    $('me').addEventListener('click', handler)
  },

  onDocumentChosen (handler) {
    $('documents').addEventListener('change', (e) => e.target.value && handler(e.target.value))
    $('picker-new').addEventListener('submit', (e) => {
      e.preventDefault()
      handler($('picker-name').value.trim())
    })
    this.chosen = handler
  },

  showMe (name, color) {
    const me = $('me')
    me.replaceChildren(element('span', 'dot'), document.createTextNode(name))
    me.style.setProperty('--color', color)
  },

  statusText (status, synced) {
    if (status === 'connected') {
      return synced ? 'Connected' : 'Syncing…'
    }
    return status === 'connecting' ? 'Connecting…' : 'Offline, reconnecting…'
  },

  setStatus (state, text) {
    const s = $('status')
    s.dataset.state = state
    s.textContent = text
  },

  setReadOnly (readOnly, reason) {
    const badge = $('readonly')
    badge.hidden = !readOnly
    badge.title = reason || 'You can read along but not edit.'
  },

  // Everyone in the room, you first; a peer without a name is still listed.
  showPeople (awareness, myName) {
    const list = $('people')
    const items = []
    awareness.getStates().forEach((state, client) => {
      if (client === awareness.clientID) {
        return
      }
      const user = (state && state.user) || {}
      const name = typeof user.name === 'string' && user.name ? user.name : 'Guest'
      const item = element('li', 'person', name)
      item.prepend(element('span', 'dot'))
      item.style.setProperty('--color', typeof user.color === 'string' ? user.color : '#888')
      item.title = name
      items.push(item)
    })
    list.replaceChildren(...items)
    list.title = `${items.length + 1} here: you (${myName}) and ${items.length} more`
  },

  // The drop-down of documents; the open one is always in it, even before the index lists it.
  showDocuments (names, current) {
    const select = $('documents')
    const all = current && !names.includes(current) ? [...names, current] : names
    const options = all.map((n) => {
      const o = element('option', '', n)
      o.value = n
      o.selected = n === current
      return o
    })
    if (!current) {
      const none = element('option', '', 'Choose a document…')
      none.value = ''
      none.selected = true
      options.unshift(none)
    }
    select.replaceChildren(...options)
  },

  showPicker (visible, names = []) {
    $('picker').hidden = !visible
    $('editor').hidden = visible
    if (!visible) {
      return
    }
    $('picker-empty').hidden = names.length > 0
    $('picker-list').replaceChildren(...names.map((n) => {
      const a = element('a', '', n)
      a.href = '?doc=' + encodeURIComponent(n)
      a.addEventListener('click', (e) => {
        e.preventDefault()
        this.chosen(n)
      })
      const li = element('li')
      li.append(a)
      return li
    }))
  }
}
