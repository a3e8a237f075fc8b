namespace Caravan.Core.Migrants.Import;

/// <summary>A checked row, ready to write; its reference number is reserved by the writer, as the batch's first plus Index.</summary>
internal sealed record PreparedPerson(
    int Index, Guid Id, string? Phone, string Given, string Family, string? Patronymic, string GivenKey, string FamilyKey,
    string? PatronymicKey, DateOnly BirthDate, Sex Sex, string Citizenship, string? Region, string? Cipher, string? Hash, string? Hint);
