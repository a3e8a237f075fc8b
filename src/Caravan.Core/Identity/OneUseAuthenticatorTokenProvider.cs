using System.Globalization;
using System.Reflection;
using Caravan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Identity;

/// <summary>
/// Identity's authenticator (TOTP) provider, narrowed. Identity's own accepts a code for two time steps either side of
/// now and keeps no record of use, so a code seen over a shoulder or in a proxy works again for about two and a half
/// minutes. This one accepts the current step and the one before (a code typed as it turned over) and no later
/// (ASVS 6.5.5), and only for a step after the last one accepted for the account (ASVS 6.5.1). The step is recorded
/// by one conditional UPDATE, so of two requests with the same code only one can pass.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(CaravanDbContext db, TimeProvider time) : AuthenticatorTokenProvider<CaravanUser>
{
    /// <summary>RFC 6238's step, the one authenticator apps use and Identity assumes.</summary>
    public const int StepSeconds = 30;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<CaravanUser> manager, CaravanUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token is not { Length: 6 } || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var keyBytes = IdentityTotp.FromBase32(key);
        var now = StepAt(time.GetUtcNow());
        for (var step = now; step >= now - 1; step--)
        {
            if (IdentityTotp.Compute(keyBytes, (ulong)step, null) != code)
            {
                continue;
            }

            var id = user.Id;
            var accepted = await db.Users
                .Where(u => u.Id == id && (u.AuthenticatorStep == null || u.AuthenticatorStep < step))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AuthenticatorStep, step)) == 1;
            if (accepted)
            {
                user.AuthenticatorStep = step;
            }

            return accepted;
        }

        return false;
    }

    /// <summary>
    /// Identity's own RFC 6238 code and base32 decoding, which it keeps internal: bound once, so the codes are exactly
    /// those Identity's provider would accept, with no TOTP of our own. A framework update that moves them fails here,
    /// at the first code, rather than accepting anything.
    /// </summary>
    private static class IdentityTotp
    {
        private static readonly Assembly IdentityCore = typeof(AuthenticatorTokenProvider<>).Assembly;

        public static readonly Func<byte[], ulong, byte[]?, int> Compute =
            Bind<Func<byte[], ulong, byte[]?, int>>("Microsoft.AspNetCore.Identity.Rfc6238AuthenticationService", "ComputeTotp");

        public static readonly Func<string, byte[]> FromBase32 =
            Bind<Func<string, byte[]>>("Microsoft.AspNetCore.Identity.Base32", "FromBase32");

        private static T Bind<T>(string type, string method)
            where T : Delegate =>
            (IdentityCore.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                ?? throw new MissingMethodException(type, method)).CreateDelegate<T>();
    }
}
