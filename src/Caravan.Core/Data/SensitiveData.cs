using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;

namespace Caravan.Core.Data;

/// <summary>
/// Encryption at rest for Sensitive fields (GUIDE §5), through ASP.NET Core Data Protection rather than our own
/// cryptography, and a keyed hash (HMAC-SHA256) so that an exact value can be found without decrypting every row.
/// The hash key lives with the key ring, outside the database, so a stolen database alone cannot test guesses.
/// </summary>
public sealed class SensitiveData
{
    /// <summary>
    /// The node's Data Protection algorithm: AES-256-GCM, an authenticated mode that needs no separate HMAC pass. On
    /// Linux it protects a short value in less than half the time of the default AES-256-CBC + HMAC-SHA256, which is
    /// most of a bulk import's CPU (docs/performance.md). Keys already made keep their own algorithm, so existing
    /// ciphertexts stay readable and the change applies from the next key.
    /// </summary>
    public static AuthenticatedEncryptorConfiguration Algorithms => new()
    {
        EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
        ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
    };

    private const string Purpose = "Caravan.Sensitive.v1";
    private readonly IDataProtector protector;
    private readonly byte[] lookupKey;

    public SensitiveData(IDataProtectionProvider provider, byte[] lookupKey)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(lookupKey);
        if (lookupKey.Length < 32)
        {
            throw new ArgumentException("The lookup key must be at least 256 bits.", nameof(lookupKey));
        }

        protector = provider.CreateProtector(Purpose);
        this.lookupKey = lookupKey;
    }

    public string Protect(string value) => protector.Protect(value);

    public string Unprotect(string cipher) => protector.Unprotect(cipher);

    public byte[] Protect(byte[] value) => protector.Protect(value);

    public byte[] Unprotect(byte[] cipher) => protector.Unprotect(cipher);

    /// <summary>A keyed hash of any value under a named purpose, for values that are derived rather than stored.</summary>
    public byte[] KeyedHash(string purpose, string value) =>
        HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(purpose + "\n" + value));

    /// <summary>Keyed hash of a document number, after folding the ways people type it (spaces, dashes, case).</summary>
    public string LookupHash(string documentNumber)
    {
        var normalised = NormaliseDocumentNumber(documentNumber);
        return Convert.ToHexStringLower(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(normalised)));
    }

    public static string NormaliseDocumentNumber(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>What may be shown without a logged read: the last two characters only.</summary>
    public static string Mask(string documentNumber)
    {
        var normalised = NormaliseDocumentNumber(documentNumber);
        return normalised.Length <= 2 ? "••" : new string('•', normalised.Length - 2) + normalised[^2..];
    }

    /// <summary>
    /// Reads the node's lookup key from a file next to the key ring, creating it on first start. The file holds the key
    /// protected by the key ring, so when the ring is encrypted at rest (DataProtection:CertificatePath) the lookup key
    /// is too: the shared folder alone, like the database alone, lets no one test guesses against the hashes.
    /// </summary>
    public static byte[] LoadOrCreateLookupKey(string directory, IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Directory.CreateDirectory(directory);
        var protector = provider.CreateProtector(LookupKeyPurpose);
        var path = Path.Combine(directory, LookupKeyFile);
        if (File.Exists(path))
        {
            return Read(path, protector);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(protector.Protect(key)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another replica of the same node created it first; use theirs so hashes agree.
            return Read(path, protector);
        }

        return key;
    }

    public const string LookupKeyFile = "lookup-hash.key";
    private const string LookupKeyPurpose = "Caravan.LookupKey.v1";

    private static byte[] Read(string path, IDataProtector protector)
    {
        // A replica that lost the race may see the file before its writer has flushed it; wait briefly for content.
        var text = File.ReadAllText(path).Trim();
        for (var attempt = 0; text.Length == 0 && attempt < 50; attempt++)
        {
            Thread.Sleep(100);
            text = File.ReadAllText(path).Trim();
        }

        var bytes = Convert.FromBase64String(text);
        if (bytes.Length == 32)
        {
            // Written before the key was protected: wrap it now, in place, so the folder holds no clear key from here on.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, Convert.ToBase64String(protector.Protect(bytes)));
            File.Move(temporary, path, overwrite: true);
            return bytes;
        }

        return protector.Unprotect(bytes);
    }
}
