package org.gridgov.console.signin;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** The local run's sign-in page: the demo users, one button each. 404 outside the dev, local and test profiles. */
@Path("/sign-in/local")
public class LocalSignInResource {
    static final Map<String, String> ROLE_NAMES = Map.ofEntries(Map.entry("admin", "系统管理员"), Map.entry("resident", "居民"),
            Map.entry("grid_worker", "网格员"), Map.entry("grid_leader", "网格长"), Map.entry("cadre", "联户党员"),
            Map.entry("operator", "指挥中心受理员"), Map.entry("community_staff", "社区工作人员"),
            Map.entry("street_staff", "街道工作人员"), Map.entry("dept_handler", "职能部门"), Map.entry("supervisor", "督查"),
            Map.entry("scorer", "积分审核"));

    private final LocalSignIn local;

    LocalSignInResource(LocalSignIn local) {
        this.local = local;
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String page() {
        requireEnabled();
        String rows = local.users().stream().map(u -> {
            String roles = u.claims().roles().stream().map(r -> ROLE_NAMES.getOrDefault(r, r)).collect(Collectors.joining("、"));
            String claims = u.claims().claims().isEmpty() ? "" : " · " + escape(u.claims().claims().toString());
            return "<li><form method=\"post\" action=\"/sign-in/local\"><input type=\"hidden\" name=\"user\" value=\""
                    + escape(u.claims().user()) + "\"><button type=\"submit\" id=\"sign-in-" + escape(u.claims().user())
                    + "\" aria-label=\"以 " + escape(u.claims().user()) + " 登录\"><b>" + escape(u.claims().user()) + "</b> <span>"
                    + escape(roles) + "</span><small>" + claims + "</small></button></form></li>";
        }).collect(Collectors.joining("\n"));
        if (rows.isEmpty()) {
            rows = "<li>没有演示用户：先运行 ./run.sh（它写入 .gridgov/tokens.env）</li>";
        }
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>本地登录 · 网格化治理</title><link rel=\"stylesheet\" href=\"/app/app.css\"></head><body class=\"sign-in\">"
                + "<main><h1>网格化治理 · 本地登录</h1><p>本地运行专用：选择一个演示用户登录（生产环境使用 OIDC 单点登录）。</p>"
                + "<ul class=\"users\">" + rows + "</ul><p><a href=\"/board.html\">公示板</a> · <a href=\"/rankings.html\">积分排名</a></p></main></body></html>";
    }

    @POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("user") String user) {
        requireEnabled();
        LocalSignIn.DemoUser u = local.user(user == null ? "" : user).orElseThrow(NotFoundException::new);
        return Response.seeOther(URI.create("/")).cookie(new NewCookie.Builder(SignedIn.COOKIE).value(u.token()).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build()).build();
    }

    private void requireEnabled() {
        if (!local.enabled()) {
            throw new NotFoundException();
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
