/// LaTeX commands for characters, shared by the BibTeX importer (LaTeX to Unicode) and exporter (`--ascii`).
///
/// Accents and special letters follow the LaTeX2e font encoding guide (LaTeX Project, "encguide", section 6 and
/// table 3, the OT1/T1 text commands); symbols are the `\text...` commands of the textcomp package and the common
/// math symbols. One table per direction is derived from these, so the two sides cannot drift apart.
public enum LaTeXVocabulary {
    /// Accent commands and the combining character each puts on its argument (`\"u` is u + U+0308 = ü).
    public static let accents: [String: Unicode.Scalar] = [
        "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "\"": "\u{0308}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}", "t": "\u{0361}", "G": "\u{030F}", "h": "\u{0309}",
    ]

    /// Letters with a command of their own (`\ss` is ß).
    public static let letters: [String: String] = [
        "i": "ı", "j": "ȷ", "ss": "ß", "SS": "ẞ", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "oe": "œ", "OE": "Œ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
        "dj": "đ", "DJ": "Đ",
    ]

    /// Text symbols without an argument (`\textendash` is –); also `\&` and the other escaped characters.
    public static let symbols: [String: String] = [
        "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
        "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
        "quotesinglbase": "‚", "quotedblbase": "„", "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«",
        "guillemetright": "»", "guilsinglleft": "‹", "guilsinglright": "›", "textbackslash": "\\",
        "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_", "textbar": "|", "textless": "<",
        "textgreater": ">", "textbraceleft": "{", "textbraceright": "}", "textdollar": "$",
        "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶", "copyright": "©", "textcopyright": "©",
        "textregistered": "®", "texttrademark": "™", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
        "textyen": "¥", "textcent": "¢", "textdegree": "°", "textperthousand": "‰", "textbullet": "•", "dag": "†",
        "textdagger": "†", "ddag": "‡", "textdaggerdbl": "‡", "textexclamdown": "¡", "textquestiondown": "¿",
        "textordfeminine": "ª", "textordmasculine": "º", "textonehalf": "½", "textonequarter": "¼",
        "textthreequarters": "¾", "textperiodcentered": "·", "textmu": "µ", "textminus": "−", "textpm": "±",
        "texttimes": "×", "textdiv": "÷", "textnumero": "№", "textasteriskcentered": "∗", "textvisiblespace": "␣",
        "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e", "textschwa": "ə", "textrevepsilon": "ɜ",
        "textopeno": "ɔ", "texteng": "ŋ", "textepsilon": "ɛ", "textglotstop": "ʔ", "textesh": "ʃ", "textyogh": "ʒ",
        "textturnv": "ʌ", "textbari": "ɨ", "textbaru": "ʉ", "textltailn": "ɲ", "textrtaild": "ɖ", "textrtailt": "ʈ",
        "textrtails": "ʂ", "textrtailn": "ɳ", "textrtaill": "ɭ", "textbeltl": "ɬ",
        "langle": "⟨", "rangle": "⟩",
    ]

    /// Characters a backslash escapes: `\&` is &.
    public static let escapedCharacters: Set<UInt8> = Set("&%$_#{}".utf8)

    /// Math-mode symbols and Greek letters, read inside `$...$` and also outside math (`\alpha`).
    public static let mathSymbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
        "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ",
        "Omega": "Ω", "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "⋅", "leq": "≤", "le": "≤",
        "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡",
        "infty": "∞", "partial": "∂", "nabla": "∇", "rightarrow": "→", "to": "→", "leftarrow": "←",
        "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "uparrow": "↑", "downarrow": "↓", "circ": "∘",
        "bullet": "∙", "ast": "∗", "star": "⋆", "in": "∈", "notin": "∉", "subset": "⊂", "supset": "⊃",
        "cup": "∪", "cap": "∩", "emptyset": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "wedge": "∧", "vee": "∨",
        "sum": "∑", "prod": "∏", "int": "∫", "sqrt": "√", "propto": "∝", "perp": "⊥", "parallel": "∥", "ell": "ℓ",
        "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "prime": "′", "degree": "°", "cdots": "⋯", "ll": "≪", "gg": "≫",
        "lbrace": "{", "rbrace": "}", "vert": "|", "mid": "∣", "backslash": "\\", "colon": ":", "lvert": "|", "rvert": "|",
    ]

    /// The accent command for a combining character (inverse of `accents`; `t`, the tie, is left out).
    public static let accentCommands: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for (command, mark) in accents where command != "t" { table[mark] = command }
        return table
    }()

    /// The command for a character with one (inverse of `letters` and `symbols`, without the names that spell words).
    public static let commandsForCharacters: [Character: String] = {
        var table: [Character: String] = [:]
        for (command, character) in mathSymbols where character.count == 1 { table[Character(character)] = "$\\" + command + "$" }
        for (command, character) in symbols where character.count == 1 { table[Character(character)] = "\\" + command }
        for (command, character) in letters { table[Character(character)] = "\\" + command }
        for preferred in ["textdegree", "textdollar", "S", "P", "textcopyright", "textpm", "texttimes", "textdiv", "textmu"] {
            table[Character(symbols[preferred]!)] = "\\" + preferred
        }
        for character: Character in ["\\", "~", "^", "_", "{", "}", "|", "<", ">", "$"] { table.removeValue(forKey: character) }
        return table
    }()
}
