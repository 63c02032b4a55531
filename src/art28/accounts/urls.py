from django.urls import path

from art28.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/code/", views.otp_verify, name="otp_verify"),
    path("login/code/setup/", views.otp_setup, name="otp_setup"),
    path("logout/", views.logout, name="logout"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/<str:uidb64>/<str:token>/", views.password_reset_confirm,
         name="password_reset_confirm"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("staff/team/", views.team_list, name="team_list"),
    path("staff/team/invite/", views.team_invite, name="team_invite"),
    path("staff/team/<uuid:code>/", views.member_detail, name="member_detail"),
    path("staff/team/<uuid:code>/role/", views.member_role, name="member_role"),
    path("staff/team/<uuid:code>/assign/", views.member_assign, name="member_assign"),
    path("staff/team/<uuid:code>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("staff/team/<uuid:code>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("staff/team/<uuid:code>/second-factor/reset/", views.member_reset_factor,
         name="member_reset_factor"),
    path("staff/controllers/<uuid:code>/access/", views.controller_access, name="controller_access"),
    path("staff/controllers/<uuid:code>/staff/", views.controller_assign, name="controller_assign"),
    path("invitations/<uuid:code>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<uuid:code>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("access/<uuid:code>/role/", views.portal_member_role, name="portal_member_role"),
    path("access/<uuid:code>/deactivate/", views.portal_member_deactivate,
         name="portal_member_deactivate"),
    path("portal/team/", views.portal_team, name="portal_team"),
]
