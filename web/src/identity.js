// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Who this page is to the others: a name (asked once, remembered in localStorage) and a colour
// from a palette that reads on light and dark backgrounds, chosen so that no two people in a
// room share one while the palette lasts.
const NameKey = 'chorus.name'

// Mid-tone hues: a caret and a name flag with white text read on a white and a black page.
// Eight hues far enough apart to tell carets apart at a glance, the most distinct first.
export const Palette = [
  '#e5484d', '#3e63dd', '#30a46c', '#f76b15', '#8e4ec6', '#d6409f', '#978365', '#12a594'
]

export function storedName () {
  try {
    return localStorage.getItem(NameKey) || ''
  } catch {
    return '' // storage disabled: ask every time
  }
}

export function storeName (name) {
  try {
    localStorage.setItem(NameKey, name)
  } catch {}
}

// The same colour at 20 % over the page, for selections (y-codemirror.next's colorLight).
export function lightOf (color) {
  return color + '33'
}

function normalised (color) {
  return typeof color === 'string' ? color.trim().toLowerCase() : ''
}

// The first palette colour nobody else in `states` (an awareness map) wears; when all are
// taken, the least worn one. `self` is this page's client id.
export function freeColor (states, self, current) {
  const worn = new Map()
  states.forEach((state, client) => {
    if (client === self) {
      return
    }
    const c = normalised(state && state.user && state.user.color)
    worn.set(c, (worn.get(c) || 0) + 1)
  })
  if (current && !worn.has(normalised(current))) {
    return current
  }
  let best = Palette[0]
  let bestCount = Infinity
  for (const color of Palette) {
    const count = worn.get(color) || 0
    if (count < bestCount) {
      best = color
      bestCount = count
    }
  }
  return best
}
