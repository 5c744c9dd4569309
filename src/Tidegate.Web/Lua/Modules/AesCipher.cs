using System.Security.Cryptography;

namespace Tidegate.Web.Lua.Modules;

/// <summary>The block cipher modes resty.aes offers (OpenSSL's EVP_aes_{128,192,256}_{mode}).</summary>
internal enum AesMode { Ecb, Cbc, Cfb1, Cfb8, Cfb128, Ofb, Ctr }

/// <summary>One of OpenSSL's AES ciphers: key size and mode (what <c>aes.cipher(size, mode)</c>.method stands for).</summary>
internal sealed record AesCipherKind(int KeyBits, AesMode Mode)
{
    public int KeyLength => KeyBits / 8;
    /// <summary>EVP_CIPHER_iv_length: none for ECB, a block for the rest.</summary>
    public int IvLength => Mode == AesMode.Ecb ? 0 : 16;
    /// <summary>Block modes pad (PKCS#7, EVP's default); the stream-like modes do not.</summary>
    public bool Pads => Mode is AesMode.Ecb or AesMode.Cbc;
}

/// <summary>
/// One direction of a resty.aes object (an EVP_CIPHER_CTX set up with key and IV). Each encrypt/decrypt
/// call starts over from the original IV, as EVP_*Init_ex(ctx, NULL, NULL, NULL, NULL) resets it for
/// CBC, CFB and OFB — except CTR, whose counter OpenSSL deliberately carries on from call to call (a
/// partly used keystream block is dropped). Bad padding or a length that is not whole blocks fails (null).
/// </summary>
internal sealed class AesCipher : IDisposable
{
    private readonly AesCipherKind _kind;
    private readonly byte[] _iv;
    private readonly byte[] _counter;
    private readonly Aes _aes;
    private readonly ICryptoTransform _blockEncryptor;

    public AesCipher(AesCipherKind kind, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _kind = kind;
        _iv = iv[..16].ToArray();
        _counter = (byte[])_iv.Clone();
        _aes = Aes.Create();
        _aes.Key = key[..kind.KeyLength].ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _blockEncryptor = _aes.CreateEncryptor();
    }

    public byte[]? Encrypt(ReadOnlySpan<byte> input) => Transform(input, encrypt: true);

    public byte[]? Decrypt(ReadOnlySpan<byte> input) => Transform(input, encrypt: false);

    private byte[]? Transform(ReadOnlySpan<byte> input, bool encrypt)
    {
        switch (_kind.Mode)
        {
            case AesMode.Ecb:
                if (encrypt) return _aes.EncryptEcb(input, PaddingMode.PKCS7);
                return WholeBlocks(input) ? TryDecrypt(input.ToArray(), cbc: false) : null;
            case AesMode.Cbc:
                if (encrypt) return _aes.EncryptCbc(input, _iv, PaddingMode.PKCS7);
                return WholeBlocks(input) ? TryDecrypt(input.ToArray(), cbc: true) : null;
            case AesMode.Cfb1: return Cfb1(input, encrypt);
            case AesMode.Cfb8: return Cfb8(input, encrypt);
            case AesMode.Cfb128: return Cfb128(input, encrypt);
            case AesMode.Ofb: return Ofb(input);
            default: return Ctr(input);
        }
    }

    private static bool WholeBlocks(ReadOnlySpan<byte> input) => input.Length > 0 && input.Length % 16 == 0;

    /// <summary>ECB or CBC decryption; bad padding is EVP_DecryptFinal_ex's failure.</summary>
    private byte[]? TryDecrypt(byte[] input, bool cbc)
    {
        try
        {
            return cbc ? _aes.DecryptCbc(input, _iv, PaddingMode.PKCS7) : _aes.DecryptEcb(input, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private void EncryptBlock(byte[] input, byte[] output) => _blockEncryptor.TransformBlock(input, 0, 16, output, 0);

    private byte[] Cfb1(ReadOnlySpan<byte> input, bool encrypt)
    {
        var register = (byte[])_iv.Clone();
        var keystream = new byte[16];
        var output = new byte[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            int result = 0;
            for (int bit = 7; bit >= 0; bit--)
            {
                EncryptBlock(register, keystream);
                int inBit = (input[i] >> bit) & 1;
                int outBit = inBit ^ (keystream[0] >> 7);
                result |= outBit << bit;
                ShiftInBit(register, encrypt ? outBit : inBit);
            }
            output[i] = (byte)result;
        }
        return output;
    }

    private static void ShiftInBit(byte[] register, int bit)
    {
        for (int k = 0; k < 15; k++) register[k] = (byte)(register[k] << 1 | register[k + 1] >> 7);
        register[15] = (byte)(register[15] << 1 | bit);
    }

    private byte[] Cfb8(ReadOnlySpan<byte> input, bool encrypt)
    {
        var register = (byte[])_iv.Clone();
        var keystream = new byte[16];
        var output = new byte[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            EncryptBlock(register, keystream);
            output[i] = (byte)(input[i] ^ keystream[0]);
            Buffer.BlockCopy(register, 1, register, 0, 15);
            register[15] = encrypt ? output[i] : input[i];
        }
        return output;
    }

    private byte[] Cfb128(ReadOnlySpan<byte> input, bool encrypt)
    {
        var register = (byte[])_iv.Clone();
        var keystream = new byte[16];
        var output = new byte[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            int n = i % 16;
            if (n == 0) EncryptBlock(register, keystream);
            output[i] = (byte)(input[i] ^ keystream[n]);
            // The next block's register is this block's ciphertext.
            register[n] = encrypt ? output[i] : input[i];
        }
        return output;
    }

    private byte[] Ofb(ReadOnlySpan<byte> input)
    {
        var keystream = (byte[])_iv.Clone();
        var next = new byte[16];
        var output = new byte[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            int n = i % 16;
            if (n == 0)
            {
                EncryptBlock(keystream, next);
                (keystream, next) = (next, keystream);
            }
            output[i] = (byte)(input[i] ^ keystream[n]);
        }
        return output;
    }

    private byte[] Ctr(ReadOnlySpan<byte> input)
    {
        var keystream = new byte[16];
        var output = new byte[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            int n = i % 16;
            if (n == 0)
            {
                EncryptBlock(_counter, keystream);
                IncrementCounter();
            }
            output[i] = (byte)(input[i] ^ keystream[n]);
        }
        return output;
    }

    /// <summary>The whole 128-bit block counts, big-endian, as OpenSSL's CRYPTO_ctr128_encrypt.</summary>
    private void IncrementCounter()
    {
        for (int k = 15; k >= 0; k--)
            if (++_counter[k] != 0) break;
    }

    public void Dispose()
    {
        _blockEncryptor.Dispose();
        _aes.Dispose();
    }
}
