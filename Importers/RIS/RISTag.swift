/// The RIS tags the record mapper reads, by their two ASCII bytes (`TY` = 0x5459), so a field's tag is matched with
/// one integer switch instead of string comparisons (RIS specification 2011, "Tag definitions").
enum RISTag: UInt16 {
    case TY = 0x5459
    case AU = 0x4155
    case A1 = 0x4131
    case A2 = 0x4132
    case ED = 0x4544
    case A3 = 0x4133
    case A4 = 0x4134
    case TI = 0x5449
    case T1 = 0x5431
    case CT = 0x4354
    case BT = 0x4254
    case T2 = 0x5432
    case JF = 0x4A46
    case JO = 0x4A4F
    case JA = 0x4A41
    case J1 = 0x4A31
    case J2 = 0x4A32
    case T3 = 0x5433
    case PY = 0x5059
    case Y1 = 0x5931
    case DA = 0x4441
    case Y2 = 0x5932
    case SP = 0x5350
    case EP = 0x4550
    case VL = 0x564C
    case IS = 0x4953
    case CY = 0x4359
    case PB = 0x5042
    case ET = 0x4554
    case C7 = 0x4337
    case M3 = 0x4D33
    case ST = 0x5354
    case LA = 0x4C41
    case SN = 0x534E
    case DO = 0x444F
    case UR = 0x5552
    case L1 = 0x4C31
    case L2 = 0x4C32
    case L3 = 0x4C33
    case L4 = 0x4C34
    case AB = 0x4142
    case N2 = 0x4E32
    case N1 = 0x4E31
    case KW = 0x4B57
    case ID = 0x4944
    case AN = 0x414E
    case C2 = 0x4332
    case C3 = 0x4333
    case C5 = 0x4335

    /// `ER`, which ends a record (not a field, so not a case).
    static let endCode: UInt16 = 0x4552

    /// The code of a two-byte tag.
    static func code(_ first: UInt8, _ second: UInt8) -> UInt16 { UInt16(first) << 8 | UInt16(second) }

    /// The tag of a code as text: `TY`.
    static func text(_ code: UInt16) -> String {
        String(unsafeUninitializedCapacity: 2) { buffer in
            buffer[0] = UInt8(code >> 8)
            buffer[1] = UInt8(code & 0xFF)
            return 2
        }
    }

    /// The code of a tag string (0 when it is not two ASCII bytes).
    static func code(_ tag: String) -> UInt16 {
        var bytes = tag.utf8.makeIterator()
        guard let first = bytes.next(), let second = bytes.next(), bytes.next() == nil else { return 0 }
        return code(first, second)
    }
}
