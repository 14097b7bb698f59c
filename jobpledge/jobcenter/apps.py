from django.apps import AppConfig


class JobcenterConfig(AppConfig):
    name = "jobpledge.jobcenter"
    label = "jobcenter"
    verbose_name = "일자리플러스센터"
