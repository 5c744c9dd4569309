using System.Buffers.Binary;
using Tidegate.Lua.Ffi;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// LuaJIT's serialization format for <c>string.buffer</c> (lj_serialize.c), byte for byte:
/// <code>
/// nil 0x00 | false 0x01 | true 0x02 | NULL 0x03 | lightud32 0x04 u32 | lightud64 0x05 u64
/// int 0x06 i32 | num 0x07 double | string (0x20+len).U bytes | dict string 0x0f idx.U
/// table 0x08 (empty) | 0x09 h.U h*(k v) | 0x0a a.U a*v (0-based) | 0x0b a.U h.U ... (0-based + hash)
///       | 0x0c a.U (a-1)*v (1-based) | 0x0d a.U h.U ... (1-based + hash) | with metatable: 0x0e idx.U table
/// int64 0x10 | uint64 0x11 | complex 0x12 (cdata: decoded only once the ffi is loaded)
/// </code>
/// All multi-byte values are little-endian. ".U" is LuaJIT's prefix code: 0..0xdf in one byte,
/// up to 0x1fdf in two ((0xe0 | hi5), lo8 of n-0xe0), anything else as 0xff and four bytes.
///
/// <para>Differences that cannot be helped: LuaJIT writes hash entries in its own hash-slot order and puts
/// integer keys where its own table layout has them; Tidegate writes its array part (keys 1..n, plus key 0
/// in front when present) and then its hash part in insertion order (which is LuaJIT's order for the
/// string keys of a table constructor as often as not). Scalars, strings, arrays and tables
/// with one hash entry encode to the same bytes; every encoding decodes to an equal table either way.</para>
///
/// <para>Hostile input is bounded: nesting is limited to 100 tables (LuaJIT's LJ_SERIALIZE_DEPTH), sizes
/// beyond LuaJIT's table limits raise "table overflow", and no allocation is sized by a length field
/// beyond the bytes actually present. Errors carry LuaJIT's wording. The format errors are
/// <see cref="StringBufferFormatException"/>s, to which the library adds the caller's position as LuaJIT
/// does; table-limit errors ("table overflow", "table index is nil") have none, as in LuaJIT.</para>
/// </summary>
public static class StringBufferSerializer
{
    /// <summary>LuaJIT's LJ_SERIALIZE_DEPTH: how many tables may nest.</summary>
    public const int MaxDepth = 100;

    private const byte TagNil = 0x00, TagFalse = 0x01, TagTrue = 0x02, TagNull = 0x03, TagLight32 = 0x04,
        TagLight64 = 0x05, TagInt = 0x06, TagNum = 0x07, TagTable = 0x08, TagDictMetatable = 0x0e,
        TagDictString = 0x0f, TagInt64 = 0x10, TagUInt64 = 0x11, TagComplex = 0x12, TagString = 0x20;

    // ---- encoding ----

    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Encode(StringBuffer output, in LuaValue value) =>
        new Encoder(output, output.Strings, output.Metatables).Put(value, MaxDepth);

    /// <summary>The encoding of <paramref name="value"/> with no dictionaries, as a string (buffer.encode).</summary>
    public static LuaString Encode(in LuaValue value)
    {
        var output = new StringBuffer(64);
        new Encoder(output, null, null).Put(value, MaxDepth);
        return LuaString.FromBytes(output.Span);
    }

    private readonly struct Encoder
    {
        private readonly StringBuffer _out;
        private readonly StringBufferDictionary<LuaString>? _strings;
        private readonly StringBufferDictionary<LuaTable>? _metatables;

        public Encoder(StringBuffer output, StringBufferDictionary<LuaString>? strings, StringBufferDictionary<LuaTable>? metatables)
        {
            _out = output;
            _strings = strings;
            _metatables = metatables;
        }

        public void Put(in LuaValue v, int depth)
        {
            switch (v.Ref)
            {
                case LuaString s:
                    PutString(s);
                    break;
                case null:
                    _out.Append(TagNil);
                    break;
                case LuaTable t:
                    PutTable(t, depth);
                    break;
                case LuaUserdata { Value: StringBufferLightUserdata p }:
                    PutPointer(p.Address);
                    break;
                case CData { TypeValue: null } c when c.Type.Unqualified is { Kind: CTypeKind.Integer, Size: 8 } integer:
                    _out.Append(integer.IsUnsigned ? TagUInt64 : TagInt64);
                    BinaryPrimitives.WriteInt64LittleEndian(_out.Reserve(8), CMemory.ReadInt64(c.Address));
                    _out.Commit(8);
                    break;
                case CData { TypeValue: null } z when z.Type.Unqualified is { Kind: CTypeKind.Complex, Size: 16 }:
                    // complex double only: LuaJIT cannot serialize complex float either.
                    _out.Append(TagComplex);
                    CMemory.Bytes(z.Address, 16).CopyTo(_out.Reserve(16));
                    _out.Commit(16);
                    break;
                default:
                    if (v.IsNumber)
                    {
                        _out.Append(TagNum);
                        BinaryPrimitives.WriteInt64LittleEndian(_out.Reserve(8), BitConverter.DoubleToInt64Bits(v.Number));
                        _out.Commit(8);
                    }
                    else if (v.IsBoolean) _out.Append(v.AsBoolean ? TagTrue : TagFalse);
                    else throw new StringBufferFormatException($"cannot serialize '{v.TypeName}'");
                    break;
            }
        }

        private void PutString(LuaString s)
        {
            PutU124(_out, (uint)(TagString + s.Length));
            _out.Append(s.Span);
        }

        private void PutPointer(ulong address)
        {
            if (address == 0) _out.Append(TagNull);
            else if (address <= uint.MaxValue)
            {
                _out.Append(TagLight32);
                BinaryPrimitives.WriteUInt32LittleEndian(_out.Reserve(4), (uint)address);
                _out.Commit(4);
            }
            else
            {
                _out.Append(TagLight64);
                BinaryPrimitives.WriteUInt64LittleEndian(_out.Reserve(8), address);
                _out.Commit(8);
            }
        }

        private void PutTable(LuaTable t, int depth)
        {
            if (depth <= 0) throw new StringBufferFormatException("too deep to serialize");
            var array = t.ArrayPart;
            int last = array.Length;
            while (last > 0 && array[last - 1].IsNil) last--;
            var zero = t.Get(0);
            bool zeroBased = !zero.IsNil;
            // LuaJIT counts its array slots from 0: "a" is one more than the highest key written.
            uint narray = zeroBased || last > 0 ? (uint)last + 1 : 0;

            uint nhash = 0;
            for (int cursor = t.ArrayCount; (cursor = t.NextAt(cursor, out var key, out _)) >= 0;)
                if (!(zeroBased && key.IsNumber && key.Number == 0)) nhash++;

            if (_metatables is not null && t.Metatable is { } mt && _metatables.TryGetIndex(mt, out int mtIndex))
            {
                _out.Append(TagDictMetatable);
                PutU124(_out, (uint)mtIndex);
            }
            _out.Append((byte)(TagTable + (nhash > 0 ? 1 : 0) + (narray > 0 ? (zeroBased ? 2 : 4) : 0)));
            if (narray > 0) PutU124(_out, narray);
            if (nhash > 0) PutU124(_out, nhash);
            if (narray > 0)
            {
                if (zeroBased) Put(zero, depth - 1);
                for (int i = 0; i < last; i++) Put(t.ArrayPart[i], depth - 1);
            }
            if (nhash == 0) return;
            for (int cursor = t.ArrayCount; (cursor = t.NextAt(cursor, out var key, out var value)) >= 0;)
            {
                if (zeroBased && key.IsNumber && key.Number == 0) continue;
                if (_strings is not null && key.Ref is LuaString ks && _strings.TryGetIndex(ks, out int index))
                {
                    _out.Append(TagDictString);
                    PutU124(_out, (uint)index);
                }
                else Put(key, depth - 1);
                Put(value, depth - 1);
            }
        }
    }

    /// <summary>Writes LuaJIT's prefix-coded 32-bit number.</summary>
    public static void PutU124(StringBuffer output, uint v)
    {
        if (v < 0xe0) output.Append((byte)v);
        else if (v < 0x1fe0)
        {
            v -= 0xe0;
            output.Append((byte)(0xe0 | (v >> 8)));
            output.Append((byte)v);
        }
        else
        {
            output.Append(0xff);
            BinaryPrimitives.WriteUInt32LittleEndian(output.Reserve(4), v);
            output.Commit(4);
        }
    }

    // ---- decoding ----

    /// <summary>
    /// Decodes one value from the start of <paramref name="input"/>; returns how many bytes it used.
    /// Dictionaries come from the buffer being decoded (null for buffer.decode). 64-bit integer tags make
    /// cdata only when <paramref name="cdataAvailable"/> (the ffi module is loaded), as in LuaJIT.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> input, out LuaValue value,
        StringBufferDictionary<LuaString>? strings = null, StringBufferDictionary<LuaTable>? metatables = null,
        bool cdataAvailable = false)
    {
        var decoder = new Decoder(input, strings, metatables, cdataAvailable);
        value = decoder.Get(MaxDepth);
        return decoder.Position;
    }

    /// <summary>Decodes a whole string (buffer.decode): data after the first value is an error.</summary>
    public static LuaValue DecodeAll(ReadOnlySpan<byte> input, bool cdataAvailable = false)
    {
        int used = Decode(input, out var value, cdataAvailable: cdataAvailable);
        if (used != input.Length) throw new StringBufferFormatException("left-over data in buffer");
        return value;
    }

    private ref struct Decoder
    {
        private readonly ReadOnlySpan<byte> _in;
        private readonly StringBufferDictionary<LuaString>? _strings;
        private readonly StringBufferDictionary<LuaTable>? _metatables;
        private readonly bool _cdataAvailable;
        public int Position;

        public Decoder(ReadOnlySpan<byte> input, StringBufferDictionary<LuaString>? strings, StringBufferDictionary<LuaTable>? metatables,
            bool cdataAvailable)
        {
            _in = input;
            _cdataAvailable = cdataAvailable;
            _strings = strings;
            _metatables = metatables;
            Position = 0;
        }

        private readonly int Remaining => _in.Length - Position;

        private static LuaException EndOfBuffer() => new StringBufferFormatException("unexpected end of buffer");
        private static LuaException BadTag(uint tag) => new StringBufferFormatException($"cannot deserialize tag 0x{tag:x2}");
        private static LuaException BadDictionaryIndex(uint index) => new StringBufferFormatException($"cannot deserialize dictionary index {(int)(index + 1)}");

        private uint GetU124()
        {
            if (Remaining < 1) throw EndOfBuffer();
            uint v = _in[Position++];
            if (v < 0xe0) return v;
            if (v != 0xff)
            {
                if (Remaining < 1) throw EndOfBuffer();
                return ((v & 0x1f) << 8) + _in[Position++] + 0xe0;
            }
            if (Remaining < 4) throw EndOfBuffer();
            v = BinaryPrimitives.ReadUInt32LittleEndian(_in.Slice(Position, 4));
            Position += 4;
            return v;
        }

        private ReadOnlySpan<byte> GetBytes(uint count)
        {
            if (count > (uint)Remaining) throw EndOfBuffer();
            var bytes = _in.Slice(Position, (int)count);
            Position += (int)count;
            return bytes;
        }

        public LuaValue Get(int depth)
        {
            uint tag = GetU124();
            if (tag >= TagString) return LuaString.FromBytes(GetBytes(tag - TagString));
            switch (tag)
            {
                case TagNil: return LuaValue.Nil;
                case TagFalse: return LuaValue.False;
                case TagTrue: return LuaValue.True;
                case TagInt: return BinaryPrimitives.ReadInt32LittleEndian(GetBytes(4));
                case TagNum: return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(GetBytes(8)));
                case TagNull: return StringBufferLightUserdata.Box(0);
                case TagLight32: return StringBufferLightUserdata.Box(BinaryPrimitives.ReadUInt32LittleEndian(GetBytes(4)));
                case TagLight64: return StringBufferLightUserdata.Box(BinaryPrimitives.ReadUInt64LittleEndian(GetBytes(8)));
                case TagDictString:
                {
                    uint index = GetU124();
                    return _strings?[index] is { } s ? s : throw BadDictionaryIndex(index);
                }
                case >= TagTable and <= TagDictMetatable:
                    return GetTable(tag, depth);
                case TagInt64 or TagUInt64:
                {
                    if (Remaining < 8) throw EndOfBuffer();
                    // LuaJIT refuses cdata tags while its ffi is not loaded.
                    if (!_cdataAvailable) throw BadTag(tag);
                    long bits = BinaryPrimitives.ReadInt64LittleEndian(GetBytes(8));
                    return tag == TagInt64 ? CData.FromInt64(bits) : CData.FromUInt64((ulong)bits);
                }
                case TagComplex:
                {
                    if (Remaining < 16) throw EndOfBuffer();
                    if (!_cdataAvailable) throw BadTag(tag);
                    var z = CData.Allocate(CTypeRegistry.ComplexDouble);
                    GetBytes(16).CopyTo(CMemory.Bytes(z.Address, 16));
                    return z;
                }
                default:
                    throw BadTag(tag);
            }
        }

        private LuaValue GetTable(uint tag, int depth)
        {
            if (depth <= 0) throw new StringBufferFormatException("too deep to serialize");
            LuaTable? metatable = null;
            if (tag == TagDictMetatable)
            {
                uint index = GetU124();
                metatable = _metatables?[index] ?? throw BadDictionaryIndex(index);
                tag = GetU124();
                if (tag < TagTable || tag >= TagDictMetatable) throw BadTag(tag);
            }
            uint narray = tag >= TagTable + 2 ? GetU124() : 0;
            uint nhash = (tag & 1) != 0 ? GetU124() : 0;
            // LuaJIT's lj_tab_new limits; its array size counts slot 0.
            if (narray > LuaTable.MaxArraySize + 1u || nhash > (uint)LuaTable.MaxHashSize) throw new LuaException("table overflow");
            // Every entry takes at least one byte, so the bytes left bound what is worth preallocating.
            int arrayHint = (int)Math.Min(narray, (uint)Remaining);
            int hashHint = (int)Math.Min(nhash, (uint)Remaining / 2);
            var t = new LuaTable(arrayHint, hashHint);
            if (narray > 0)
            {
                bool zeroBased = tag < TagTable + 4;
                for (uint i = zeroBased ? 0u : 1u; i < narray; i++)
                {
                    var v = Get(depth - 1);
                    if (!v.IsNil) t.Set((double)i, v);
                }
            }
            for (uint i = 0; i < nhash; i++)
            {
                var key = Get(depth - 1);
                if (key.IsNil) throw new LuaException("table index is nil");
                if (key.IsNumber && double.IsNaN(key.Number)) throw new LuaException("table index is NaN");
                if (!t.Get(key).IsNil) throw new StringBufferFormatException("duplicate table key");
                var v = Get(depth - 1);
                if (!v.IsNil) t.Set(key, v);
            }
            if (metatable is not null) t.Metatable = metatable;
            return t;
        }
    }
}
