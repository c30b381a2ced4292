from oauth2_provider.oauth2_validators import OAuth2Validator


class GroupsValidator(OAuth2Validator):
    """Claims as a city provider sends them: e-mail, names, and the user's groups (with the `openid` scope)."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "openid"}

    def get_additional_claims(self, request):
        user = request.user
        return {"email": user.email, "given_name": user.first_name, "family_name": user.last_name,
                "groups": sorted(user.groups.values_list("name", flat=True))}
