using System.Security.Cryptography;
using System.Text;
using Caravan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Caravan.Core.Identity;

/// <summary>
/// Identity's user store, except that two-step recovery codes are kept as SHA-256 hashes, not as the codes themselves
/// (ASVS 6.5.2): a copy of the database, or a reader of the tokens table, gets nothing to sign in with. The codes are
/// random and long, so an unsalted hash is enough; a password hash's cost would add nothing.
/// </summary>
public sealed class HashedRecoveryCodeStore(CaravanDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<CaravanUser, CaravanRole, CaravanDbContext, Guid>(context, describer)
{
    // The names Identity's own store uses, so that CountCodesAsync (inherited) and the admin's reset keep working.
    private const string Provider = "[AspNetUserStore]";
    private const string Name = "RecoveryCodes";
    private const string Prefix = "sha256:";

    public override Task ReplaceCodesAsync(CaravanUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return SetTokenAsync(user, Provider, Name, string.Join(";", recoveryCodes.Select(Hash)), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(CaravanUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, Provider, Name, cancellationToken) ?? string.Empty;
        var codes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        // Codes issued before hashing was introduced are stored as they are; they still work, once.
        var index = codes.FindIndex(c => c == Hash(code) || (!c.StartsWith(Prefix, StringComparison.Ordinal) && c == code));
        if (index < 0)
        {
            return false;
        }

        codes.RemoveAt(index);
        await SetTokenAsync(user, Provider, Name, string.Join(";", codes), cancellationToken);
        return true;
    }

    private static string Hash(string code) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
